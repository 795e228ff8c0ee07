# Sources of cox_model owned by one work stream; listed in CMakeLists.txt.
# Model core: quantities, validation rules, selectors, typed objects.
list(APPEND COX_MODEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/quantity.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/validation.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/label_selector.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/label_selector_json.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/field_selector.cpp
)
