# Runs one desktop-metadata validator on one file: cmake -DTOOL=<name> -DFILE=<path> -P Validate.cmake
# Fails when the tool is missing (scripts/install-deps.sh installs it), reports an error, or -
# for desktop-file-validate, which exits 0 on warnings - prints a warning.
find_program(validator ${TOOL})
if(NOT validator)
  message(FATAL_ERROR "${TOOL} not found: install desktop-file-utils and appstream (scripts/install-deps.sh)")
endif()
if(TOOL STREQUAL "appstreamcli")
  set(command ${validator} validate --no-net --no-color ${FILE})
else()
  set(command ${validator} ${FILE})
endif()
execute_process(COMMAND ${command} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
message("${out}")
if(NOT status EQUAL 0 OR out MATCHES ": (error|warning):")
  message(FATAL_ERROR "${TOOL} rejected ${FILE}")
endif()
