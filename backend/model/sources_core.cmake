# Sources of cox_model owned by one work stream; listed in CMakeLists.txt.
# Model core: quantities, validation rules, selectors, typed objects (types/).
list(APPEND COX_MODEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/quantity.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/validation.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/label_selector.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/label_selector_json.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/field_selector.cpp
)
file(GLOB COX_MODEL_TYPES_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/types/*.cpp)
list(APPEND COX_MODEL_SOURCES ${COX_MODEL_TYPES_SOURCES})
