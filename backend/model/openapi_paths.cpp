// The OpenAPI path items of one resource type: collection, item, all-namespaces list and the
// subresources, each operation carrying operationId, x-kubernetes-action and
// x-kubernetes-group-version-kind, and the query parameters Kubernetes documents for it.
#include "model/openapi_internal.h"
#include "model/schemas.h"

#include <algorithm>
#include <cctype>

namespace cox::model::openapi {

namespace {

const char *const kMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.";

Json queryParam(const char *name, const char *type, const char *description) {
    return Json{{"name", name},
                {"in", "query"},
                {"description", description},
                {"schema", {{"type", type}, {"uniqueItems", true}}}};
}

Json pathParam(const char *name, const char *description) {
    return Json{{"name", name},
                {"in", "path"},
                {"required", true},
                {"description", description},
                {"schema", {{"type", "string"}, {"uniqueItems", true}}}};
}

Json writeParams(bool patch) {
    Json p = Json::array({
        queryParam("dryRun", "string",
                   "When present, indicates that modifications should not be "
                   "persisted. Valid value: All"),
        queryParam("fieldManager", "string",
                   "fieldManager is a name associated with the actor "
                   "or entity that is making these changes."),
        queryParam("fieldValidation", "string",
                   "fieldValidation instructs the server on how to handle objects in the request "
                   "containing unknown or duplicate fields. Valid values are: Ignore, Warn, "
                   "Strict."),
    });
    if (patch)
        p.push_back(queryParam("force", "boolean", "Force is going to \"force\" Apply requests."));
    return p;
}

Json listParams() {
    return Json::array({
        queryParam("allowWatchBookmarks", "boolean",
                   "allowWatchBookmarks requests watch events "
                   "with type \"BOOKMARK\"."),
        queryParam("continue", "string",
                   "The continue option should be set when retrieving more "
                   "results from the server."),
        queryParam("fieldSelector", "string",
                   "A selector to restrict the list of returned "
                   "objects by their fields."),
        queryParam("labelSelector", "string",
                   "A selector to restrict the list of returned "
                   "objects by their labels."),
        queryParam("limit", "integer",
                   "limit is a maximum number of responses to return for a "
                   "list call."),
        queryParam("resourceVersion", "string",
                   "resourceVersion sets a constraint on what "
                   "resource versions a request may be served from."),
        queryParam("resourceVersionMatch", "string",
                   "resourceVersionMatch determines how "
                   "resourceVersion is applied to list calls."),
        queryParam("sendInitialEvents", "boolean",
                   "Send synthetic ADDED events for the current "
                   "state before the watch stream."),
        queryParam("timeoutSeconds", "integer", "Timeout for the list/watch call."),
        queryParam("watch", "boolean", "Watch for changes to the described resources."),
    });
}

Json deleteParams() {
    return Json::array({
        queryParam("dryRun", "string",
                   "When present, indicates that modifications should not be "
                   "persisted."),
        queryParam("gracePeriodSeconds", "integer",
                   "The duration in seconds before the object "
                   "should be deleted."),
        queryParam("orphanDependents", "boolean", "Deprecated: use PropagationPolicy."),
        queryParam("propagationPolicy", "string",
                   "Whether and how garbage collection will be "
                   "performed: Orphan, Background or Foreground."),
    });
}

Json logParams() {
    return Json::array({
        queryParam("container", "string", "The container for which to stream logs."),
        queryParam("follow", "boolean", "Follow the log stream of the pod."),
        queryParam("limitBytes", "integer", "The number of bytes to read from the server."),
        queryParam("previous", "boolean", "Return previous terminated container logs."),
        queryParam("sinceSeconds", "integer",
                   "A relative time in seconds before the current "
                   "time from which to show logs."),
        queryParam("tailLines", "integer",
                   "The number of lines from the end of the logs to "
                   "show."),
        queryParam("timestamps", "boolean",
                   "Add an RFC3339 timestamp at the beginning of "
                   "every line."),
    });
}

Json concat(Json a, const Json &b) {
    for (const Json &x : b)
        a.push_back(x);
    return a;
}

Json jsonContent(const Json &schema) {
    return Json{{"application/json", {{"schema", schema}}},
                {"application/yaml", {{"schema", schema}}}};
}

Json response(const Json &schema, const char *description = "OK") {
    return Json{{"description", description}, {"content", jsonContent(schema)}};
}

// Names used in operation ids and tags: "" -> Core, "coordination.k8s.io" -> Coordination.
std::string groupWord(const ResourceType &t) {
    std::string g = t.group.empty() ? "core" : t.group.substr(0, t.group.find('.'));
    g[0] = char(std::toupper(static_cast<unsigned char>(g[0])));
    return g;
}

struct OpContext {
    const ResourceType &type;
    std::string idMiddle; // "CoreV1Namespaced"
    std::string tag;      // "core_v1"
};

Json operation(const OpContext &c, const std::string &idVerb, const std::string &idSuffix,
               const char *action, const Json &gvkValue, const std::string &description) {
    return Json{{"operationId", idVerb + c.idMiddle + idSuffix},
                {"description", description},
                {"tags", Json::array({c.tag})},
                {"responses", Json{{"401", {{"description", "Unauthorized"}}}}},
                {"x-kubernetes-action", action},
                {"x-kubernetes-group-version-kind", gvkValue}};
}

Json patchBody() {
    Json schema = schemaRef(std::string(kMeta) + "Patch");
    Json content = Json::object();
    for (const char *type :
         {"application/json-patch+json", "application/merge-patch+json",
          "application/strategic-merge-patch+json", "application/apply-patch+yaml"})
        content[type] = {{"schema", schema}};
    return Json{{"content", content}, {"required", true}};
}

Json body(const Json &schema) {
    return Json{{"content", {{"*/*", {{"schema", schema}}}}}, {"required", true}};
}

// get / put / patch on an item-like path whose body and answer are `schema` of kind `gvkValue`.
void addReadWrite(Json &item, const OpContext &c, const std::string &suffix, const Json &schema,
                  const Json &gvkValue, const std::string &kind) {
    item["get"] = operation(c, "read", suffix, "get", gvkValue, "read the specified " + kind);
    item["get"]["responses"]["200"] = response(schema);
    item["put"] = operation(c, "replace", suffix, "put", gvkValue, "replace the specified " + kind);
    item["put"]["parameters"] = writeParams(false);
    item["put"]["requestBody"] = body(schema);
    item["put"]["responses"]["200"] = response(schema);
    item["put"]["responses"]["201"] = response(schema, "Created");
    item["patch"] = operation(c, "patch", suffix, "patch", gvkValue,
                              "partially update the "
                              "specified " +
                                  kind);
    item["patch"]["parameters"] = writeParams(true);
    item["patch"]["requestBody"] = patchBody();
    item["patch"]["responses"]["200"] = response(schema);
    item["patch"]["responses"]["201"] = response(schema, "Created");
}

void addSubresources(Json &paths, const std::string &itemPath, const Json &itemParams,
                     const OpContext &c, ComponentCollector &components, const Json &kindGvk) {
    const ResourceType &t = c.type;
    Json object = schemaRef(t.schema->componentName);
    for (const std::string &sub : t.subresources) {
        Json item{{"parameters", itemParams}};
        std::string suffix =
            t.kind + char(std::toupper(static_cast<unsigned char>(sub[0]))) + sub.substr(1);
        if (sub == "status") {
            addReadWrite(item, c, suffix, object, kindGvk, t.kind + " status");
        } else if (sub == "scale") {
            components.use(*schemas::scale());
            addReadWrite(item, c, suffix, schemaRef("io.k8s.api.autoscaling.v1.Scale"),
                         gvk("autoscaling", "v1", "Scale"), "scale of " + t.kind);
        } else if (sub == "binding" || sub == "eviction") {
            const Schema *s = sub == "binding" ? schemas::binding() : schemas::eviction();
            Json g = sub == "binding" ? gvk("", "v1", "Binding") : gvk("policy", "v1", "Eviction");
            components.use(*s);
            item["post"] =
                operation(c, "create", suffix, "post", g, "create " + sub + " of a " + t.kind);
            item["post"]["parameters"] = writeParams(false);
            item["post"]["requestBody"] = body(schemaRef(s->componentName));
            item["post"]["responses"]["201"] = response(schemaRef(s->componentName), "Created");
            item["post"]["responses"]["200"] = response(schemaRef(s->componentName));
        } else if (sub == "log") {
            item["get"] = operation(c, "read", suffix, "get", kindGvk,
                                    "read log of the specified "
                                    "Pod");
            item["get"]["parameters"] = logParams();
            item["get"]["responses"]["200"] = {
                {"description", "OK"},
                {"content", {{"text/plain", {{"schema", {{"type", "string"}}}}}}}};
        } else if (sub == "finalize") {
            item["put"] = operation(c, "replace", suffix, "put", kindGvk,
                                    "replace finalize of "
                                    "the specified " +
                                        t.kind);
            item["put"]["parameters"] = writeParams(false);
            item["put"]["requestBody"] = body(object);
            item["put"]["responses"]["200"] = response(object);
        } else {
            continue;
        }
        paths[itemPath + "/" + sub] = std::move(item);
    }
}

} // namespace

void addResourcePaths(const ResourceType &t, ComponentCollector &components, Json &paths) {
    components.use(*t.schema);
    std::string listName = components.addList(t);
    std::string version = t.version;
    version[0] = char(std::toupper(static_cast<unsigned char>(version[0])));
    OpContext c{t, groupWord(t) + version + (t.namespaced ? "Namespaced" : ""),
                (t.group.empty() ? std::string("core") : t.group.substr(0, t.group.find('.'))) +
                    "_" + t.version};
    const Json kindGvk = gvk(t.group, t.version, t.kind);
    const Json object = schemaRef(t.schema->componentName);
    const Json list = schemaRef(listName);
    const Json status = schemaRef(std::string(kMeta) + "Status");
    std::string prefix =
        t.group.empty() ? "/api/" + t.version : "/apis/" + t.group + "/" + t.version;
    std::string collectionPath =
        prefix + (t.namespaced ? "/namespaces/{namespace}/" : "/") + t.plural;

    Json pretty = queryParam("pretty", "string", "If 'true', then the output is pretty printed.");
    Json collectionParams = Json::array({pretty});
    if (t.namespaced)
        collectionParams.push_back(pathParam("namespace", "object name and auth scope, such as "
                                                          "for teams and projects"));
    Json itemParams = collectionParams;
    itemParams.push_back(pathParam("name", ("name of the " + t.kind).c_str()));

    Json collection{{"parameters", collectionParams}};
    collection["get"] = operation(c, "list", t.kind, "list", kindGvk,
                                  "list or watch objects of "
                                  "kind " +
                                      t.kind);
    collection["get"]["parameters"] = listParams();
    collection["get"]["responses"]["200"] = response(list);
    collection["post"] = operation(c, "create", t.kind, "post", kindGvk, "create a " + t.kind);
    collection["post"]["parameters"] = writeParams(false);
    collection["post"]["requestBody"] = body(object);
    collection["post"]["responses"]["200"] = response(object);
    collection["post"]["responses"]["201"] = response(object, "Created");
    collection["post"]["responses"]["202"] = response(object, "Accepted");
    if (t.virtualCreate) { // create is the only verb (like TokenReview)
        collection.erase("get");
        paths[collectionPath] = std::move(collection);
        return;
    }
    if (std::find(t.verbs.begin(), t.verbs.end(), "deletecollection") != t.verbs.end()) {
        collection["delete"] = operation(c, "deleteCollection", t.kind, "deletecollection", kindGvk,
                                         "delete collection of " + t.kind);
        collection["delete"]["parameters"] = concat(listParams(), deleteParams());
        collection["delete"]["requestBody"] = body(schemaRef(std::string(kMeta) + "DeleteOptions"));
        collection["delete"]["responses"]["200"] = response(status);
    }
    paths[collectionPath] = std::move(collection);

    Json item{{"parameters", itemParams}};
    addReadWrite(item, c, t.kind, object, kindGvk, t.kind);
    item["delete"] = operation(c, "delete", t.kind, "delete", kindGvk, "delete a " + t.kind);
    item["delete"]["parameters"] = deleteParams();
    item["delete"]["requestBody"] = body(schemaRef(std::string(kMeta) + "DeleteOptions"));
    item["delete"]["responses"]["200"] = response(object);
    item["delete"]["responses"]["202"] = response(object, "Accepted");
    std::string itemPath = collectionPath + "/{name}";
    paths[itemPath] = std::move(item);
    addSubresources(paths, itemPath, itemParams, c, components, kindGvk);

    if (!t.namespaced)
        return;
    OpContext all{t, groupWord(t) + version, c.tag};
    Json allNamespaces{{"parameters", Json::array({pretty})}};
    allNamespaces["get"] = operation(all, "list", t.kind + "ForAllNamespaces", "list", kindGvk,
                                     "list or watch objects of kind " + t.kind);
    allNamespaces["get"]["parameters"] = listParams();
    allNamespaces["get"]["responses"]["200"] = response(list);
    paths[prefix + "/" + t.plural] = std::move(allNamespaces);
}

} // namespace cox::model::openapi
