#include "apiserver/protobuf/proto_schema.h"

#include <sstream>
#include <stdexcept>

namespace cox::apiserver::protobuf {

// The text of k8s_schema.txt, compiled in by CMake (k8s_schema_text.cpp.in).
extern const std::string_view kKubernetesSchemaText;

namespace {

Status lineError(size_t line, const std::string &why) {
    return Status(StatusCode::Internal,
                  "protobuf schema line " + std::to_string(line) + ": " + why);
}

// "map<string,bytes>" -> key "string", value "bytes".
bool splitMap(const std::string &type, std::string &key, std::string &value) {
    if (type.rfind("map<", 0) != 0 || type.back() != '>')
        return false;
    const auto comma = type.find(',');
    if (comma == std::string::npos)
        return false;
    key = type.substr(4, comma - 4);
    value = type.substr(comma + 1, type.size() - comma - 2);
    return true;
}

Result<std::pair<uint32_t, FieldSpec>> parseField(const std::string &line, size_t lineNo) {
    std::istringstream in(line);
    std::string number;
    FieldSpec field;
    if (!(in >> number >> field.name >> field.type))
        return lineError(lineNo, "expected NUMBER NAME TYPE");
    for (std::string flag; in >> flag;) {
        if (flag == "*")
            field.pointer = true;
        else if (flag == "repeated")
            field.repeated = true;
        else if (flag == "inline")
            field.inlined = true;
        else
            return lineError(lineNo, "unknown flag \"" + flag + "\"");
    }
    std::string key;
    if (splitMap(field.type, key, field.mapValue)) {
        field.isMap = true;
        field.type = key;
    }
    uint32_t n = 0;
    try {
        n = static_cast<uint32_t>(std::stoul(number));
    } catch (const std::exception &) {
        return lineError(lineNo, "\"" + number + "\" is not a field number");
    }
    return std::pair{n, std::move(field)};
}

} // namespace

Result<ProtoSchema> ProtoSchema::parse(std::string_view text) {
    ProtoSchema schema;
    MessageSpec *current = nullptr;
    std::istringstream in{std::string(text)};
    size_t lineNo = 0;
    for (std::string line; std::getline(in, line);) {
        ++lineNo;
        if (line.empty() || line[0] == '#')
            continue;
        if (line.rfind("message ", 0) == 0) {
            const std::string name = line.substr(8);
            current = &schema.m_messages[name];
            current->name = name;
            continue;
        }
        if (!current)
            return lineError(lineNo, "a field before any message");
        auto field = parseField(line, lineNo);
        if (!field)
            return field.status();
        current->fields[field->first] = std::move(field->second);
    }
    return schema;
}

const ProtoSchema &ProtoSchema::kubernetes() {
    static const ProtoSchema schema = [] {
        auto parsed = parse(kKubernetesSchemaText);
        if (!parsed) // the text is part of the build: a broken one is a build defect
            throw std::logic_error(parsed.status().message());
        return std::move(*parsed);
    }();
    return schema;
}

const MessageSpec *ProtoSchema::message(const std::string &name) const {
    auto it = m_messages.find(name);
    return it == m_messages.end() ? nullptr : &it->second;
}

} // namespace cox::apiserver::protobuf
