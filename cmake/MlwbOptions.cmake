# One INTERFACE target carries the language standard, warnings and Qt strictness defines.
# Every mlwb target links it; nothing appends to global flags.
add_library(mlwb_options INTERFACE)
target_compile_features(mlwb_options INTERFACE cxx_std_20)
target_compile_options(mlwb_options INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wno-unused-parameter>)
target_compile_definitions(mlwb_options INTERFACE
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_DISABLE_DEPRECATED_BEFORE=0x060000
  MLWB_VERSION="${PROJECT_VERSION}")

# The code version recorded in every run's lineage lives in one generated source file of
# mlwb_common (core/common/CodeVersion.h), so that a new commit recompiles one file, not all.

# AddressSanitizer + UndefinedBehaviorSanitizer for every mlwb target (scripts/sanitize.sh
# builds with it into its own build dir). Prebuilt libraries (libtorch, Qt) stay uninstrumented,
# which ASan tolerates; the runtime comes first because the executables link it themselves.
option(MLWB_SANITIZE "Build with -fsanitize=address,undefined" OFF)
if(MLWB_SANITIZE)
  target_compile_options(mlwb_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(mlwb_options INTERFACE -fsanitize=address,undefined)
endif()
