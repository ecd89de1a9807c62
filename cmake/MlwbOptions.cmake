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
