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

# The code version recorded in every run's lineage.
execute_process(COMMAND git describe --always --dirty --tags
                WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}"
                OUTPUT_VARIABLE MLWB_GIT_VERSION OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT MLWB_GIT_VERSION)
  set(MLWB_GIT_VERSION "unknown")
endif()
target_compile_definitions(mlwb_options INTERFACE MLWB_CODE_VERSION="${PROJECT_VERSION}+${MLWB_GIT_VERSION}")
