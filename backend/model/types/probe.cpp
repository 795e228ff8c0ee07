#include "model/types/probe.h"

#include "model/types/json_fields.h"

namespace cox::model {

namespace {

// Reads an IntOrString field (port) that may be absent.
Status readPort(const Json &json, IntOrString &out) {
    auto it = json.find("port");
    if (it == json.end() || it->is_null())
        return Status::ok();
    auto port = IntOrString::fromJson(*it);
    if (!port.isOk())
        return Status(StatusCode::BadRequest, "port: " + port.status().message());
    out = *port;
    return Status::ok();
}

} // namespace

Result<ExecAction> ExecAction::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("ExecAction", json);
    ExecAction a;
    FieldReader in(json, "");
    in.read("command", a.command);
    if (!in.ok())
        return in.status();
    return a;
}

Json ExecAction::toJson() const {
    Json j = Json::object();
    putStrings(j, "command", command);
    return j;
}

Result<HttpGetAction> HttpGetAction::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("HTTPGetAction", json);
    HttpGetAction a;
    FieldReader in(json, "");
    in.read("path", a.path);
    in.read("host", a.host);
    in.read("scheme", a.scheme);
    in.read("httpHeaders", a.httpHeaders);
    if (!in.ok())
        return in.status();
    if (Status s = readPort(json, a.port); !s)
        return s;
    return a;
}

Json HttpGetAction::toJson() const {
    Json j = Json::object();
    putString(j, "path", path);
    j["port"] = port.toJson();
    putString(j, "host", host);
    putString(j, "scheme", scheme);
    putJson(j, "httpHeaders", httpHeaders);
    return j;
}

Result<TcpSocketAction> TcpSocketAction::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("TCPSocketAction", json);
    TcpSocketAction a;
    FieldReader in(json, "");
    in.read("host", a.host);
    if (!in.ok())
        return in.status();
    if (Status s = readPort(json, a.port); !s)
        return s;
    return a;
}

Json TcpSocketAction::toJson() const {
    Json j = Json::object();
    j["port"] = port.toJson();
    putString(j, "host", host);
    return j;
}

Result<Probe> Probe::fromJson(const Json &json) {
    if (!json.is_object())
        return notAnObject("Probe", json);
    Probe p;
    FieldReader in(json, "");
    in.object("exec", p.exec);
    in.object("httpGet", p.httpGet);
    in.object("tcpSocket", p.tcpSocket);
    in.read("initialDelaySeconds", p.initialDelaySeconds);
    in.read("periodSeconds", p.periodSeconds);
    in.read("timeoutSeconds", p.timeoutSeconds);
    in.read("failureThreshold", p.failureThreshold);
    in.read("successThreshold", p.successThreshold);
    if (!in.ok())
        return in.status();
    return p;
}

Json Probe::toJson() const {
    Json j = Json::object();
    putObject(j, "exec", exec);
    putObject(j, "httpGet", httpGet);
    putObject(j, "tcpSocket", tcpSocket);
    putInt(j, "initialDelaySeconds", initialDelaySeconds);
    putInt(j, "periodSeconds", periodSeconds);
    putInt(j, "timeoutSeconds", timeoutSeconds);
    putInt(j, "failureThreshold", failureThreshold);
    putInt(j, "successThreshold", successThreshold);
    return j;
}

} // namespace cox::model
