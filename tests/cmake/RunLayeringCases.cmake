# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -P script: configure the fixture project once per case and compare the
# outcome with the expectation (allowed arrows configure, forbidden ones fail).
cmake_minimum_required(VERSION 3.21)

set(cases
    "allowed|ok|-"
    "core_links_ui_library|fail|Forbidden arrow: core library"
    "core_links_qt_widgets|fail|Forbidden arrow: core library"
    "ui_links_qt_sql|fail|Forbidden arrow: ui library"
    "library_links_executable|fail|links the executable"
    "core_includes_ui_header|fail|Layering violation"
    "core_includes_qt_gui_header|fail|Layering violation")

set(failures 0)
foreach(entry IN LISTS cases)
    string(REPLACE "|" ";" parts "${entry}")
    list(GET parts 0 name)
    list(GET parts 1 expected)
    list(GET parts 2 message)
    file(REMOVE_RECURSE "${WORK_DIR}/${name}")
    execute_process(
        COMMAND ${CMAKE_COMMAND} -S "${FIXTURE_DIR}" -B "${WORK_DIR}/${name}" -G "${GENERATOR}"
                -DCASE=${name} -DTANDEM_CMAKE_DIR=${TANDEM_CMAKE_DIR}
        RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(expected STREQUAL "ok" AND NOT result EQUAL 0)
        message(SEND_ERROR "case ${name}: expected to configure, but it failed:\n${err}")
        math(EXPR failures "${failures} + 1")
    elseif(expected STREQUAL "fail")
        if(result EQUAL 0)
            message(SEND_ERROR "case ${name}: a forbidden arrow configured without error")
            math(EXPR failures "${failures} + 1")
        elseif(NOT err MATCHES "${message}")
            message(SEND_ERROR "case ${name}: failed, but not with \"${message}\":\n${err}")
            math(EXPR failures "${failures} + 1")
        endif()
    endif()
    message(STATUS "case ${name}: expected ${expected}, configure exit code ${result}")
endforeach()
if(failures GREATER 0)
    message(FATAL_ERROR "${failures} layering case(s) did not behave as expected")
endif()
