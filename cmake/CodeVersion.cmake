# Run at every build (core/CMakeLists.txt): writes the code version recorded in each run's and
# model's lineage, "<project version>+<git describe>", into CodeVersion.cpp. configure_file
# leaves the file alone when the text is the same, so an unchanged tree recompiles nothing.
execute_process(COMMAND git describe --always --dirty --tags
                WORKING_DIRECTORY "${SOURCE_DIR}"
                OUTPUT_VARIABLE git_version OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT git_version)
  set(git_version "unknown")
endif()
set(MLWB_CODE_VERSION "${PROJECT_VERSION}+${git_version}")
configure_file("${TEMPLATE}" "${OUTPUT}" @ONLY)
