// RFC 6902 JSON patch over RFC 6901 JSON pointers. Malformed operations are BadRequest; operations
// that cannot apply to this document (missing path, failing test) are Invalid, which the API server
// answers with 422 as Kubernetes does.
#include "model/patch.h"

#include <string>
#include <vector>

namespace cox::model {

namespace {

using Tokens = std::vector<std::string>;

Status badRequest(std::string message) {
    return Status(StatusCode::BadRequest, "invalid JSON patch: " + std::move(message));
}

Status cannotApply(std::string message) {
    return Status(StatusCode::Invalid, "JSON patch cannot apply: " + std::move(message));
}

Result<Tokens> parsePointer(const std::string &pointer) {
    Tokens tokens;
    if (pointer.empty())
        return tokens;
    if (pointer.front() != '/')
        return badRequest("pointer \"" + pointer + "\" does not start with '/'");
    std::string token;
    for (size_t i = 1; i <= pointer.size(); ++i) {
        if (i == pointer.size() || pointer[i] == '/') {
            tokens.push_back(std::move(token));
            token.clear();
            continue;
        }
        if (pointer[i] != '~') {
            token += pointer[i];
            continue;
        }
        char next = i + 1 < pointer.size() ? pointer[i + 1] : '\0';
        if (next != '0' && next != '1')
            return badRequest("pointer \"" + pointer + "\" has a bad '~' escape");
        token += next == '0' ? '~' : '/';
        ++i;
    }
    return tokens;
}

// An array index token: digits without a leading zero ("-" is handled by the callers).
bool parseIndex(const std::string &token, size_t &out) {
    if (token.empty() || token.size() > 18 || (token.size() > 1 && token[0] == '0'))
        return false;
    for (char c : token)
        if (c < '0' || c > '9')
            return false;
    out = std::stoull(token);
    return true;
}

std::string joinPointer(const Tokens &tokens, size_t count) {
    std::string out;
    for (size_t i = 0; i < count; ++i) {
        out += '/';
        for (char c : tokens[i])
            out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    }
    return out;
}

// The value at tokens[0, count), or nullptr when it does not exist.
Json *locate(Json &doc, const Tokens &tokens, size_t count) {
    Json *cur = &doc;
    for (size_t i = 0; i < count; ++i) {
        const std::string &t = tokens[i];
        if (cur->is_object()) {
            auto it = cur->find(t);
            if (it == cur->end())
                return nullptr;
            cur = &*it;
        } else if (cur->is_array()) {
            size_t index = 0;
            if (!parseIndex(t, index) || index >= cur->size())
                return nullptr;
            cur = &(*cur)[index];
        } else {
            return nullptr;
        }
    }
    return cur;
}

Json *locateExisting(Json &doc, const Tokens &tokens, Status &error) {
    Json *found = locate(doc, tokens, tokens.size());
    if (!found)
        error = cannotApply("path \"" + joinPointer(tokens, tokens.size()) + "\" does not exist");
    return found;
}

Status addValue(Json &doc, const Tokens &path, Json value) {
    if (path.empty()) {
        doc = std::move(value);
        return Status::ok();
    }
    Json *parent = locate(doc, path, path.size() - 1);
    const std::string &last = path.back();
    if (parent && parent->is_object()) {
        (*parent)[last] = std::move(value);
        return Status::ok();
    }
    if (parent && parent->is_array()) {
        if (last == "-") {
            parent->push_back(std::move(value));
            return Status::ok();
        }
        size_t index = 0;
        if (!parseIndex(last, index) || index > parent->size())
            return cannotApply("array index \"" + last + "\" out of range at \"" +
                               joinPointer(path, path.size()) + "\"");
        parent->insert(parent->begin() + static_cast<std::ptrdiff_t>(index), std::move(value));
        return Status::ok();
    }
    return cannotApply("parent of \"" + joinPointer(path, path.size()) + "\" does not exist");
}

Result<Json> removeValue(Json &doc, const Tokens &path) {
    Status error;
    Json *target = locateExisting(doc, path, error);
    if (!target)
        return error;
    if (path.empty())
        return cannotApply("the whole document cannot be removed");
    Json removed = std::move(*target);
    Json *parent = locate(doc, path, path.size() - 1);
    if (parent->is_object())
        parent->erase(path.back());
    else
        parent->erase(std::stoull(path.back()));
    return removed;
}

Result<Tokens> pointerMember(const Json &op, const char *member) {
    auto it = op.find(member);
    if (it == op.end() || !it->is_string())
        return badRequest(std::string("operation ") + op.dump() + " lacks a string \"" + member +
                          "\"");
    return parsePointer(it->get<std::string>());
}

bool isProperPrefix(const Tokens &prefix, const Tokens &path) {
    return prefix.size() < path.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

Status applyOperation(Json &doc, const Json &op) {
    if (!op.is_object())
        return badRequest("operation " + op.dump() + " is not an object");
    auto opIt = op.find("op");
    if (opIt == op.end() || !opIt->is_string())
        return badRequest("operation " + op.dump() + " lacks a string \"op\"");
    const std::string name = opIt->get<std::string>();
    auto path = pointerMember(op, "path");
    if (!path)
        return path.status();
    auto valueIt = op.find("value");
    bool needsValue = name == "add" || name == "replace" || name == "test";
    if (needsValue && valueIt == op.end())
        return badRequest("operation \"" + name + "\" lacks a \"value\"");

    if (name == "add")
        return addValue(doc, *path, *valueIt);
    if (name == "remove")
        return removeValue(doc, *path).status();
    if (name == "replace") {
        Status error;
        Json *target = locateExisting(doc, *path, error);
        if (target)
            *target = *valueIt;
        return error;
    }
    if (name == "test") {
        Status error;
        Json *target = locateExisting(doc, *path, error);
        if (!target)
            return error;
        if (*target != *valueIt)
            return cannotApply("test failed: value at \"" + joinPointer(*path, path->size()) +
                               "\" is " + target->dump() + ", not " + valueIt->dump());
        return Status::ok();
    }
    if (name != "move" && name != "copy")
        return badRequest("unknown operation \"" + name + "\"");

    auto from = pointerMember(op, "from");
    if (!from)
        return from.status();
    if (name == "move") {
        if (*from == *path)
            return Status::ok();
        if (isProperPrefix(*from, *path))
            return cannotApply("cannot move \"" + joinPointer(*from, from->size()) +
                               "\" into its own child");
        auto moved = removeValue(doc, *from);
        if (!moved)
            return moved.status();
        return addValue(doc, *path, std::move(moved).value());
    }
    Status error;
    Json *source = locateExisting(doc, *from, error);
    if (!source)
        return error;
    return addValue(doc, *path, Json(*source));
}

} // namespace

Result<Json> applyJsonPatch(const Json &target, const Json &patch) {
    if (!patch.is_array())
        return badRequest("the patch must be an array of operations");
    Json doc = target; // a copy: the target is untouched when any operation fails
    for (size_t i = 0; i < patch.size(); ++i) {
        Status status = applyOperation(doc, patch[i]);
        if (!status)
            return Status(status.code(),
                          status.message() + " (operation " + std::to_string(i) + ")");
    }
    return doc;
}

} // namespace cox::model
