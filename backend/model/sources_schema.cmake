# Sources of cox_model owned by one work stream; listed in CMakeLists.txt.
# Schemas, registry, defaults, object validation, strict decoding, OpenAPI.
list(APPEND COX_MODEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/resource_type.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/schema_builder.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/schemas_meta.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/schemas_container.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/schemas_volume.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/schemas_pod.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/schemas_core.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/schemas_apps.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/strict_json.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/schema_check.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/defaults.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/object_validation.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/object_validation_rules.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/validation_pod.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/validation_pod_update.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/validation_workloads.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/validation_core.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/openapi.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/openapi_components.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/openapi_paths.cpp
)
