# Sources of cox_model owned by one work stream; listed in CMakeLists.txt.
# Patch application (merge patch, JSON patch, strategic merge patch): see patch.h.
list(APPEND COX_MODEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/merge_patch.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/json_patch.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/strategic_merge_patch.cpp
)
