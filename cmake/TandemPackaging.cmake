# SPDX-License-Identifier: GPL-3.0-or-later
#
# Platform resources for Tandem's executables. Include this from the top-level
# CMakeLists.txt before add_subdirectory(app); the installers themselves
# (CPack, desktop entry, Qt deployment) live in packaging/CMakeLists.txt.
#
#   tandem_add_platform_resources(<target> [CONSOLE])
#
# GUI target (default):
#   Windows  icon and VERSIONINFO (.rc from packaging/windows/tandem.rc.in), WIN32_EXECUTABLE
#   macOS    MACOSX_BUNDLE "Tandem.app" with packaging/macos/Info.plist.in and tandem.icns
#   Linux    nothing (desktop entry, icon and metainfo are installed by packaging/)
# CONSOLE (for tandem-cli): only the Windows icon and VERSIONINFO; no subsystem or
# bundle change on any platform.

set(TANDEM_PACKAGING_DIR "${CMAKE_CURRENT_LIST_DIR}/../packaging")
get_filename_component(TANDEM_PACKAGING_DIR "${TANDEM_PACKAGING_DIR}" ABSOLUTE)

# Reverse-DNS application id shared by the desktop entry, AppStream metainfo,
# the hicolor icon name and the macOS bundle identifier.
set(TANDEM_APP_ID "org.tandem.Tandem")

if(WIN32)
    # MSVC enables RC with C/CXX already; being explicit also covers MinGW/clang.
    enable_language(RC)
endif()

function(tandem_add_platform_resources target)
    cmake_parse_arguments(ARG "CONSOLE" "" "" ${ARGN})
    if(ARG_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "tandem_add_platform_resources(${target}): unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
    endif()
    if(NOT TARGET ${target})
        message(FATAL_ERROR "tandem_add_platform_resources(${target}): no such target")
    endif()

    if(WIN32)
        # VERSIONINFO needs four numbers; missing components count as 0.
        foreach(part MAJOR MINOR PATCH TWEAK)
            set(TANDEM_RC_VERSION_${part} "${PROJECT_VERSION_${part}}")
            if(TANDEM_RC_VERSION_${part} STREQUAL "")
                set(TANDEM_RC_VERSION_${part} 0)
            endif()
        endforeach()
        get_target_property(output_name ${target} OUTPUT_NAME)
        if(NOT output_name)
            set(output_name ${target})
        endif()
        set(TANDEM_RC_INTERNAL_NAME "${output_name}")
        set(TANDEM_RC_FILENAME "${output_name}.exe")
        if(ARG_CONSOLE)
            set(TANDEM_RC_DESCRIPTION "Tandem command-line tool")
        else()
            set(TANDEM_RC_DESCRIPTION "Tandem machine-learning workbench")
        endif()
        file(TO_CMAKE_PATH "${TANDEM_PACKAGING_DIR}/windows/tandem.ico" TANDEM_RC_ICON)
        set(rc "${CMAKE_CURRENT_BINARY_DIR}/${target}.rc")
        configure_file("${TANDEM_PACKAGING_DIR}/windows/tandem.rc.in" "${rc}" @ONLY)
        target_sources(${target} PRIVATE "${rc}")
        if(NOT ARG_CONSOLE)
            set_target_properties(${target} PROPERTIES WIN32_EXECUTABLE ON)
        endif()
    elseif(APPLE AND NOT ARG_CONSOLE)
        set(icns "${TANDEM_PACKAGING_DIR}/macos/tandem.icns")
        target_sources(${target} PRIVATE "${icns}")
        set_source_files_properties("${icns}" PROPERTIES MACOSX_PACKAGE_LOCATION Resources)

        # Configure the plist ourselves (every value known now), then hand the
        # result to CMake, which copies it into the bundle unchanged.
        set(TANDEM_BUNDLE_EXECUTABLE "Tandem")
        set(TANDEM_BUNDLE_ID "${TANDEM_APP_ID}")
        set(TANDEM_BUNDLE_VERSION "${PROJECT_VERSION}")
        if(CMAKE_OSX_DEPLOYMENT_TARGET)
            set(TANDEM_MACOS_MINIMUM "${CMAKE_OSX_DEPLOYMENT_TARGET}")
        else()
            set(TANDEM_MACOS_MINIMUM "12.0") # Qt 6.8's floor
        endif()
        set(plist "${CMAKE_CURRENT_BINARY_DIR}/${target}-Info.plist")
        configure_file("${TANDEM_PACKAGING_DIR}/macos/Info.plist.in" "${plist}" @ONLY)
        set_target_properties(${target} PROPERTIES
            MACOSX_BUNDLE ON
            OUTPUT_NAME "${TANDEM_BUNDLE_EXECUTABLE}"
            MACOSX_BUNDLE_INFO_PLIST "${plist}"
            MACOSX_BUNDLE_GUI_IDENTIFIER "${TANDEM_APP_ID}"
            MACOSX_BUNDLE_BUNDLE_NAME "Tandem"
            MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
            MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
            MACOSX_BUNDLE_ICON_FILE "tandem.icns")
    endif()
endfunction()
