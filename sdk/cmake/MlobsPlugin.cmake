# mlobs_add_plugin(<name> SOURCES <files>... [LINK <targets>...])
#
# Builds a plugin shared object <name>.so against the mlobs SDK: C++17, hidden visibility so
# only mlobs_plugin_negotiate is exported, no "lib" prefix. In-tree and third-party plugins use
# this same function. Set MLOBS_PLUGIN_OUTPUT_DIR to choose where the .so is written.
function(mlobs_add_plugin name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LINK" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "mlobs_add_plugin(${name}): SOURCES is required")
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE mlobs::sdk ${ARG_LINK})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    CXX_STANDARD 17
    CXX_STANDARD_REQUIRED ON
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(DEFINED MLOBS_PLUGIN_OUTPUT_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${MLOBS_PLUGIN_OUTPUT_DIR})
  endif()
  set_property(GLOBAL APPEND PROPERTY MLOBS_PLUGIN_TARGETS ${name})
  # Refuse undefined symbols at link time: a plugin reaches the host only through the ABI table.
  if(NOT MLOBS_SANITIZE)
    target_link_options(${name} PRIVATE -Wl,--no-undefined)
  endif()
endfunction()
