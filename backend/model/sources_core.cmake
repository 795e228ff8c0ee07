# Sources of cox_model owned by one work stream; listed in CMakeLists.txt.
# Model core: quantities, validation rules, selectors, typed objects.
list(APPEND COX_MODEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/quantity.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/validation.cpp
)
