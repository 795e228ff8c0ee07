// Internal to object validation: an error collector with Kubernetes' error constructors, small
// JSON accessors that tolerate wrong types (schema checking reports those), and the per-kind
// validators split across object_validation*.cpp / validation_*.cpp.
#pragma once

#include "model/json.h"
#include "model/validation.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace cox::model::rules {

class Errors {
public:
    FieldErrors list;

    void required(std::string path, std::string detail = {});
    void invalid(std::string path, const Json &value, std::string detail);
    void notSupported(std::string path, const Json &value,
                      std::initializer_list<const char *> supported);
    void duplicate(std::string path, const Json &value);
    void forbidden(std::string path, std::string detail);
    void tooLong(std::string path, long long max);
    // Each message of a check*() rule as an Invalid error.
    void addAll(const std::string &path, const Json &value, const std::vector<std::string> &msgs);
};

// "spec" + "containers" -> "spec.containers"; index(p, 2) -> "p[2]"; key(p, "cpu") -> "p[cpu]".
std::string child(const std::string &path, const char *name);
std::string index(const std::string &path, size_t i);
std::string key(const std::string &path, const std::string &k);

// Typed reads that treat a wrong type as absent.
const Json *member(const Json &obj, const char *name); // nullptr when absent or null
std::string str(const Json &obj, const char *name);
std::optional<long long> integer(const Json &obj, const char *name);
bool boolean(const Json &obj, const char *name);
const Json &array(const Json &obj, const char *name);  // empty array when not an array
const Json &object(const Json &obj, const char *name); // empty object when not an object

void nonNegative(Errors &errs, const Json &obj, const char *name, const std::string &path);
// int32 port number or IANA service name (intstr.IntOrString ports).
void portNumOrName(Errors &errs, const Json &value, const std::string &path);
std::vector<std::string> checkPortName(const std::string &name); // IANA_SVC_NAME
std::vector<std::string> checkDns1035Label(const std::string &name);

void validateLabels(Errors &errs, const Json &labels, const std::string &path);
void validatePodSpec(Errors &errs, const Json &spec, const std::string &path);
void validatePodTemplate(Errors &errs, const Json &tmpl, const std::string &path);

void validateDeployment(Errors &errs, const Json &obj);
void validateReplicaSet(Errors &errs, const Json &obj);
void validateService(Errors &errs, const Json &obj);
void validateNode(Errors &errs, const Json &obj);
void validateNamespace(Errors &errs, const Json &obj);
void validateConfigMap(Errors &errs, const Json &obj);
void validateSecret(Errors &errs, const Json &obj);
void validateLease(Errors &errs, const Json &obj);
void validateEvent(Errors &errs, const Json &obj);
void validateHpa(Errors &errs, const Json &obj);
void validatePodMove(Errors &errs, const Json &obj);

void validatePodUpdate(Errors &errs, const Json &obj, const Json &old);

} // namespace cox::model::rules
