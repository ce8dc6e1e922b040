# SPDX-License-Identifier: GPL-3.0-or-later
#
# Helpers that keep each target one call long and enforce the layering
# app -> ui -> core (see docs/ARCHITECTURE.md).

# Libraries that a core/ target may link. Anything else (QtGui, QtWidgets,
# QtCharts, tandem_ui, ...) is a forbidden arrow and stops the configure step.
set(TANDEM_CORE_ALLOWED_LINKS
    Qt6::Core Qt::Core Qt6::Sql Qt::Sql Qt6::Concurrent Qt::Concurrent
    Eigen3::Eigen ZLIB::ZLIB Threads::Threads FastFloat::fast_float)
# The UI never talks SQL: it goes through core/store.
set(TANDEM_UI_FORBIDDEN_LINKS Qt6::Sql Qt::Sql)

function(tandem_set_warnings target)
    if(MSVC)
        target_compile_options(${target} PRIVATE /W4 /permissive- /utf-8)
        if(TANDEM_WARNINGS_AS_ERRORS)
            target_compile_options(${target} PRIVATE /WX)
        endif()
    else()
        target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
        if(TANDEM_WARNINGS_AS_ERRORS)
            target_compile_options(${target} PRIVATE -Werror)
        endif()
    endif()
    # Keep Qt honest: no implicit ASCII casts, no foreach/emit keywords in headers.
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING
        QT_NO_KEYWORDS QT_DISABLE_DEPRECATED_BEFORE=0x060400)
endfunction()

# tandem_add_library(<name> LAYER core|ui [SOURCES ...] [LINKS ...] [PRIVATE_LINKS ...])
# A core library without sources becomes an INTERFACE target: the part exists in the
# link graph (and its arrows are checked) before its first source file lands.
function(tandem_add_library name)
    cmake_parse_arguments(ARG "" "LAYER" "SOURCES;LINKS;PRIVATE_LINKS" ${ARGN})
    if(NOT ARG_LAYER MATCHES "^(core|ui)$")
        message(FATAL_ERROR "tandem_add_library(${name}): LAYER must be core or ui")
    endif()
    if(ARG_SOURCES)
        add_library(${name} STATIC ${ARG_SOURCES})
        target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
        target_link_libraries(${name} PUBLIC ${ARG_LINKS} PRIVATE ${ARG_PRIVATE_LINKS})
        tandem_set_warnings(${name})
        tandem_check_includes(${name} ${ARG_LAYER} ${ARG_SOURCES})
    else()
        add_library(${name} INTERFACE)
        target_include_directories(${name} INTERFACE ${PROJECT_SOURCE_DIR})
        target_link_libraries(${name} INTERFACE ${ARG_LINKS})
    endif()
    set_property(TARGET ${name} PROPERTY TANDEM_LAYER ${ARG_LAYER})
    set_property(GLOBAL APPEND PROPERTY TANDEM_LIBRARIES ${name})
endfunction()

# Scan a target's own sources for includes that cross the layering the wrong way.
# The link graph catches linked symbols; this catches header-only reach-arounds.
function(tandem_check_includes target layer)
    if(layer STREQUAL "core")
        set(forbidden [[#[ \t]*include[ \t]*[<"](ui/|app/|QtGui|QtWidgets|QtCharts|QtSvg|QWidget|QPainter|QColor|QIcon|QPixmap)]])
    else()
        set(forbidden [[#[ \t]*include[ \t]*[<"](app/|QtSql|QSql)]])
    endif()
    foreach(source IN LISTS ARGN)
        get_filename_component(path "${source}" ABSOLUTE)
        if(NOT EXISTS "${path}" OR NOT path MATCHES "\\.(h|hpp|cpp)$")
            continue()
        endif()
        file(STRINGS "${path}" hits REGEX "${forbidden}")
        if(hits)
            message(FATAL_ERROR "Layering violation in ${path} (${layer} layer of ${target}):\n  ${hits}\n"
                "core/ may not include ui/, app/ or Qt GUI headers; ui/ may not include app/ or Qt SQL.")
        endif()
    endforeach()
    # Headers next to the sources count too.
    foreach(source IN LISTS ARGN)
        string(REGEX REPLACE "\\.cpp$" ".h" header "${source}")
        if(NOT header STREQUAL source)
            get_filename_component(hpath "${header}" ABSOLUTE)
            if(EXISTS "${hpath}")
                file(STRINGS "${hpath}" hits REGEX "${forbidden}")
                if(hits)
                    message(FATAL_ERROR "Layering violation in ${hpath} (${layer} layer):\n  ${hits}")
                endif()
            endif()
        endif()
    endforeach()
endfunction()

# tandem_add_sources(<library> SOURCES ...)
# Adds sources from a subfolder's CMakeLists.txt to a library made by
# tandem_add_library (one list per model family, so families never edit a shared
# list), with the same include checks.
function(tandem_add_sources target)
    cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
    get_target_property(layer ${target} TANDEM_LAYER)
    target_sources(${target} PRIVATE ${ARG_SOURCES})
    tandem_check_includes(${target} ${layer} ${ARG_SOURCES})
endfunction()

# Walk every Tandem library's direct links and stop on a forbidden arrow.
function(tandem_check_layering)
    get_property(libraries GLOBAL PROPERTY TANDEM_LIBRARIES)
    foreach(lib IN LISTS libraries)
        get_target_property(layer ${lib} TANDEM_LAYER)
        get_target_property(type ${lib} TYPE)
        if(type STREQUAL "INTERFACE_LIBRARY")
            get_target_property(links ${lib} INTERFACE_LINK_LIBRARIES)
        else()
            get_target_property(links ${lib} LINK_LIBRARIES)
        endif()
        if(NOT links)
            continue()
        endif()
        foreach(dep IN LISTS links)
            string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" dep "${dep}")
            # Qt's generated resource object libraries belong to the target itself.
            if(dep MATCHES "^\\$<TARGET_OBJECTS:" OR dep MATCHES "_resources_[0-9]+$")
                continue()
            endif()
            if(TARGET ${dep})
                get_target_property(dep_type ${dep} TYPE)
                if(dep_type STREQUAL "EXECUTABLE")
                    message(FATAL_ERROR "Forbidden arrow: library ${lib} links the executable ${dep} (app is the top layer)")
                endif()
                get_target_property(dep_layer ${dep} TANDEM_LAYER)
            else()
                set(dep_layer "")
            endif()
            if(layer STREQUAL "core")
                if(dep_layer STREQUAL "core")
                    continue()
                endif()
                if(NOT dep IN_LIST TANDEM_CORE_ALLOWED_LINKS)
                    message(FATAL_ERROR "Forbidden arrow: core library ${lib} links ${dep}. "
                        "core/ may link only other core libraries and: ${TANDEM_CORE_ALLOWED_LINKS}")
                endif()
            elseif(layer STREQUAL "ui" AND dep IN_LIST TANDEM_UI_FORBIDDEN_LINKS)
                message(FATAL_ERROR "Forbidden arrow: ui library ${lib} links ${dep}; the UI reaches storage through core/store")
            endif()
        endforeach()
    endforeach()
endfunction()

# tandem_add_test(<name> SOURCES ... LIBS ... [GUI])
# One QtTest executable per unit. GUI tests run on the offscreen platform.
function(tandem_add_test name)
    cmake_parse_arguments(ARG "GUI" "" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
    target_compile_definitions(${name} PRIVATE
        TANDEM_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        TANDEM_FIXTURES_DIR="${PROJECT_SOURCE_DIR}/tests/fixtures")
    tandem_set_warnings(${name})
    add_test(NAME ${name} COMMAND ${name})
    set(env "QT_QPA_PLATFORM=offscreen" "QT_LOGGING_RULES=qt.qpa.*=false")
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "${env}" TIMEOUT 300)
    if(ARG_LABELS)
        set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}")
    endif()
endfunction()
