// Kubernetes strategic merge patch, after k8s.io/apimachinery/pkg/util/strategicpatch (mergeMap,
// mergeSlice, normalizeElementOrder): the Schema supplies what the Go struct tags supply there.
// Where the Go code keeps a directive or a null inside a value that is new to the object, this
// version cleans it, because our objects are stored untyped and no decode step would drop it.
#include "model/patch.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace cox::model {

namespace {

constexpr std::string_view kDirective = "$patch";
constexpr std::string_view kRetainKeys = "$retainKeys";
constexpr std::string_view kDeletePrefix = "$deleteFromPrimitiveList/";
constexpr std::string_view kOrderPrefix = "$setElementOrder/";

Status badPatch(std::string message) {
    return Status(StatusCode::BadRequest, "invalid strategic merge patch: " + std::move(message));
}

bool startsWith(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// Schema of the value stored under `key` of an object or map described by `schema`.
const Schema *childSchema(const Schema *schema, std::string_view key) {
    if (!schema)
        return nullptr;
    if (schema->type == SchemaType::Map)
        return schema->items;
    if (schema->type != SchemaType::Object)
        return nullptr;
    const Field *f = schema->field(key);
    return f ? f->schema : nullptr;
}

bool hasStrategy(const Schema *schema, std::string_view strategy) {
    if (!schema)
        return false;
    std::string_view s = schema->patchStrategy;
    while (!s.empty()) {
        size_t comma = s.find(',');
        if (s.substr(0, comma) == strategy)
            return true;
        if (comma == std::string_view::npos)
            break;
        s.remove_prefix(comma + 1);
    }
    return false;
}

// --- list ordering (normalizeElementOrder in the Go code) -------------------------------------

struct ListKind {
    bool maps = false;
    std::string mergeKey;
};

// Maps are the same list item when their merge keys are equal; scalars when they are equal.
bool sameItem(const Json &a, const Json &b, const ListKind &kind) {
    if (!kind.maps)
        return a == b;
    if (!a.is_object() || !b.is_object())
        return false;
    auto ka = a.find(kind.mergeKey);
    auto kb = b.find(kind.mergeKey);
    return ka != a.end() && kb != b.end() && *ka == *kb;
}

// Position of `item` in `order`, or -1.
long indexIn(const Json &order, const Json &item, const ListKind &kind) {
    for (size_t i = 0; i < order.size(); ++i)
        if (sameItem(order[i], item, kind))
            return static_cast<long>(i);
    return -1;
}

// Stable sort by position in `order`; items missing from it go last.
std::vector<Json> sortByOrder(std::vector<Json> items, const Json &order, const ListKind &kind) {
    auto pos = [&](const Json &item) {
        long i = indexIn(order, item, kind);
        return i < 0 ? static_cast<long>(order.size()) : i;
    };
    std::stable_sort(items.begin(), items.end(),
                     [&](const Json &a, const Json &b) { return pos(a) < pos(b); });
    return items;
}

// Interleaves server-only items into the patch items, keeping each list's relative order; a
// server-only item goes first only when both are in the live list and it came first there.
Json mergeSorted(const std::vector<Json> &serverOnly, const std::vector<Json> &patchItems,
                 const Json &serverOrder, const ListKind &kind) {
    Json out = Json::array();
    size_t i = 0, j = 0;
    while (i < serverOnly.size() || j < patchItems.size()) {
        bool takeLeft = j >= patchItems.size();
        if (!takeLeft && i < serverOnly.size()) {
            long li = indexIn(serverOrder, serverOnly[i], kind);
            long ri = indexIn(serverOrder, patchItems[j], kind);
            takeLeft = li >= 0 && ri >= 0 && li < ri;
        }
        out.push_back(takeLeft ? serverOnly[i++] : patchItems[j++]);
    }
    return out;
}

// Orders `merged`: items named in `patchOrder` as there, the others as in `serverOrder`.
Json normalizeOrder(const Json &merged, const Json &patchOrder, const Json &serverOrder,
                    const ListKind &kind) {
    std::vector<Json> patchItems, serverOnly;
    for (const auto &item : merged)
        (indexIn(patchOrder, item, kind) >= 0 ? patchItems : serverOnly).push_back(item);
    return mergeSorted(sortByOrder(std::move(serverOnly), serverOrder, kind),
                       sortByOrder(std::move(patchItems), patchOrder, kind), serverOrder, kind);
}

// --- merging ---------------------------------------------------------------------------------

Result<Json> mergeMap(Json original, Json patch, const Schema *schema);
Result<Json> mergeValue(Json original, const Json &patch, const Schema *schema);

// Lists must hold either maps or scalars, never lists and never a mix (as sliceElementType).
Result<ListKind> listKind(const Json &a, const Json &b, const Schema *schema) {
    int maps = 0, scalars = 0;
    for (const Json *list : {&a, &b})
        for (const auto &item : *list) {
            if (item.is_array())
                return badPatch("lists of lists are not supported");
            (item.is_object() ? maps : scalars)++;
        }
    if (maps && scalars)
        return badPatch("list element types are not identical");
    ListKind kind;
    kind.maps = maps > 0;
    if (kind.maps) {
        kind.mergeKey = schema ? schema->patchMergeKey : std::string();
        if (kind.mergeKey.empty())
            return badPatch("cannot merge lists of objects without a merge key");
    }
    return kind;
}

Json mergeScalars(const Json &original, const Json &patch) {
    Json out = Json::array();
    for (const Json *list : {&original, &patch})
        for (const auto &item : *list)
            if (std::find(out.begin(), out.end(), item) == out.end())
                out.push_back(item);
    return out;
}

Json deleteScalars(const Json &original, const Json &toDelete) {
    Json out = Json::array();
    for (const auto &item : original)
        if (std::find(toDelete.begin(), toDelete.end(), item) == toDelete.end())
            out.push_back(item);
    return out;
}

// Applies `$patch: delete` / `$patch: replace` elements; returns the remaining patch elements.
Result<Json> applySpecialElements(Json &original, const Json &patch, const ListKind &kind,
                                  bool &replace) {
    Json rest = Json::array();
    for (const auto &item : patch) {
        auto directive = item.find(kDirective);
        if (directive == item.end() || *directive == "merge") {
            Json copy = item;
            copy.erase(std::string(kDirective));
            rest.push_back(std::move(copy));
            continue;
        }
        if (*directive == "replace") {
            replace = true;
            continue;
        }
        if (*directive != "delete")
            return badPatch("unknown $patch directive " + directive->dump() + " in a list");
        if (!item.contains(kind.mergeKey))
            return badPatch("$patch: delete element " + item.dump() + " lacks merge key \"" +
                            kind.mergeKey + "\"");
        Json kept = Json::array();
        for (auto &element : original)
            if (element.value(kind.mergeKey, Json()) != item[kind.mergeKey])
                kept.push_back(std::move(element));
        original = std::move(kept);
    }
    return rest;
}

Result<Json> mergeMapList(Json original, const Json &patch, const Schema *itemSchema,
                          const ListKind &kind) {
    bool replace = false;
    auto rest = applySpecialElements(original, patch, kind, replace);
    if (!rest)
        return rest;
    if (replace)
        original = Json::array();
    Json merged = original;
    for (const auto &item : *rest) {
        if (!item.contains(kind.mergeKey))
            return badPatch("element " + item.dump() + " lacks merge key \"" + kind.mergeKey +
                            "\"");
        long at = indexIn(merged, item, kind);
        auto value = mergeValue(at >= 0 ? merged[at] : Json(), item, itemSchema);
        if (!value)
            return value;
        if (at >= 0)
            merged[at] = std::move(value).value();
        else
            merged.push_back(std::move(value).value());
    }
    if (replace)
        return merged;
    return normalizeOrder(merged, *rest, original, kind);
}

// A list whose schema says patchStrategy "merge".
Result<Json> mergeList(const Json &original, const Json &patch, const Schema *schema,
                       bool deleteList) {
    if (original.empty() && patch.empty())
        return Json::array();
    auto kind = listKind(original, patch, schema);
    if (!kind)
        return kind.status();
    if (kind->maps)
        return mergeMapList(original, patch, schema->items, *kind);
    if (deleteList)
        return deleteScalars(original, patch);
    return normalizeOrder(mergeScalars(original, patch), patch, original, *kind);
}

// A patch value merged into an original value (null when absent) of the field `schema`.
Result<Json> mergeValue(Json original, const Json &patch, const Schema *schema) {
    if (patch.is_object()) {
        if (hasStrategy(schema, "replace"))
            return patch;
        return mergeMap(original.is_object() ? std::move(original) : Json::object(), patch, schema);
    }
    if (patch.is_array() && hasStrategy(schema, "merge"))
        return mergeList(original.is_array() ? original : Json::array(), patch, schema, false);
    return patch;
}

Status applyRetainKeys(Json &original, Json &patch) {
    auto it = patch.find(kRetainKeys);
    if (it == patch.end())
        return Status::ok();
    Json keep = std::move(*it);
    patch.erase(it);
    if (!keep.is_array())
        return badPatch("$retainKeys must be a list of field names");
    for (const auto &[key, value] : patch.items()) {
        if (value.is_null() || startsWith(key, kDeletePrefix) || startsWith(key, kOrderPrefix) ||
            key == kDirective)
            continue;
        if (std::find(keep.begin(), keep.end(), key) == keep.end())
            return badPatch("field \"" + key + "\" is patched but missing from $retainKeys");
    }
    for (auto it2 = original.begin(); it2 != original.end();) {
        if (std::find(keep.begin(), keep.end(), it2.key()) == keep.end())
            it2 = original.erase(it2);
        else
            ++it2;
    }
    return Status::ok();
}

// The patch's list items (deletions aside) must appear in the same relative order as in the
// $setElementOrder list (validatePatchWithSetOrderList).
Status checkOrderList(const Json &patchList, const Json &order, const ListKind &kind) {
    size_t p = 0, o = 0;
    std::vector<const Json *> items;
    for (const auto &item : patchList)
        if (!(item.is_object() && item.contains(kDirective)))
            items.push_back(&item);
    while (p < items.size() && o < order.size()) {
        if (sameItem(order[o], *items[p], kind))
            ++p;
        ++o;
    }
    if (p < items.size())
        return badPatch("the order of the patch list does not match its $setElementOrder list");
    return Status::ok();
}

// Handles one `$setElementOrder/<field>`: merges the field's list and orders it.
Status applySetElementOrder(Json &original, Json &patch, const std::string &field,
                            const Json &order, const Schema *schema) {
    if (!order.is_array())
        return badPatch("$setElementOrder/" + field + " must be a list");
    const Schema *listSchema = childSchema(schema, field);
    auto patchIt = patch.find(field);
    bool inPatch = patchIt != patch.end() && patchIt->is_array();
    bool inOriginal = original.contains(field) && original[field].is_array();
    if (!inPatch && !inOriginal)
        return Status::ok();
    if (!hasStrategy(listSchema, "merge")) // nothing to order against: plain replace
        return Status::ok();
    Json originalList = inOriginal ? original[field] : Json::array();
    Json patchList = inPatch ? *patchIt : Json::array();
    auto kind = listKind(originalList, order, listSchema);
    if (!kind)
        return kind.status();
    if (Status s = checkOrderList(patchList, order, *kind); !s)
        return s;
    auto merged = mergeList(originalList, patchList, listSchema, false);
    if (!merged)
        return merged.status();
    original[field] = normalizeOrder(*merged, order, originalList, *kind);
    patch.erase(field);
    return Status::ok();
}

Status applyOrderDirectives(Json &original, Json &patch, const Schema *schema) {
    std::vector<std::string> keys;
    for (const auto &[key, value] : patch.items())
        if (startsWith(key, kOrderPrefix))
            keys.push_back(key);
    for (const auto &key : keys) {
        Json order = std::move(patch[key]);
        patch.erase(key);
        Status s =
            applySetElementOrder(original, patch, key.substr(kOrderPrefix.size()), order, schema);
        if (!s)
            return s;
    }
    return Status::ok();
}

Status mergeField(Json &original, const std::string &key, const Json &value, const Schema *schema) {
    if (startsWith(key, kDeletePrefix)) {
        std::string field = key.substr(kDeletePrefix.size());
        if (!value.is_array())
            return badPatch(key + " must be a list");
        if (original.contains(field) && original[field].is_array())
            original[field] = deleteScalars(original[field], value);
        return Status::ok();
    }
    if (value.is_null()) {
        original.erase(key);
        return Status::ok();
    }
    auto it = original.find(key);
    Json current = it == original.end() ? Json() : std::move(*it);
    auto merged = mergeValue(std::move(current), value, childSchema(schema, key));
    if (!merged)
        return merged.status();
    original[key] = std::move(merged).value();
    return Status::ok();
}

Result<Json> mergeMap(Json original, Json patch, const Schema *schema) {
    if (auto it = patch.find(kDirective); it != patch.end()) {
        Json directive = *it;
        patch.erase(it);
        if (directive == "replace")
            return mergeMap(Json::object(), std::move(patch), schema);
        if (directive == "delete")
            return Json::object();
        if (directive != "merge")
            return badPatch("unknown $patch directive " + directive.dump());
    }
    if (Status s = applyRetainKeys(original, patch); !s)
        return s;
    if (Status s = applyOrderDirectives(original, patch, schema); !s)
        return s;
    for (const auto &[key, value] : patch.items())
        if (Status s = mergeField(original, key, value, schema); !s)
            return s;
    return original;
}

} // namespace

Result<Json> applyStrategicMergePatch(const Json &target, const Json &patch, const Schema *schema) {
    if (!patch.is_object())
        return badPatch("the patch must be a JSON object");
    return mergeMap(target.is_object() ? target : Json::object(), patch, schema);
}

} // namespace cox::model
