#include "master_options.h"

#include <charconv>

namespace cox::master {
namespace {

Status parsePort(std::string_view text, uint16_t &port) {
    unsigned value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || value > 65535)
        return {StatusCode::BadRequest, "invalid port \"" + std::string(text) + "\""};
    port = static_cast<uint16_t>(value);
    return Status::ok();
}

// Takes the value of a flag given as "--flag value" or "--flag=value".
bool takeValue(const std::vector<std::string> &args, size_t &i, const std::string &flag,
               std::string &value) {
    const std::string &arg = args[i];
    if (arg == flag && i + 1 < args.size()) {
        value = args[++i];
        return true;
    }
    if (arg.rfind(flag + "=", 0) == 0) {
        value = arg.substr(flag.size() + 1);
        return true;
    }
    return false;
}

} // namespace

Status parseListenAddress(const std::string &text, std::string &host, uint16_t &port) {
    port = 6443;
    if (text.empty())
        return {StatusCode::BadRequest, "empty --listen address"};
    if (text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string::npos)
            return {StatusCode::BadRequest, "invalid --listen address \"" + text + "\": missing ]"};
        host = text.substr(1, close - 1);
        if (close + 1 == text.size())
            return Status::ok();
        if (text[close + 1] != ':')
            return {StatusCode::BadRequest, "invalid --listen address \"" + text + "\""};
        return parsePort(std::string_view(text).substr(close + 2), port);
    }
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || text.find(':') != colon) {
        host = text; // a bare IPv4 address, host name or unbracketed IPv6 address
        return Status::ok();
    }
    host = colon == 0 ? "0.0.0.0" : text.substr(0, colon);
    return parsePort(std::string_view(text).substr(colon + 1), port);
}

Status parseDuration(const std::string &text, int64_t &seconds) {
    seconds = 0;
    if (text == "0")
        return Status::ok();
    size_t i = 0;
    while (i < text.size()) {
        size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9')
            ++i;
        if (start == i || i == text.size())
            return {StatusCode::BadRequest,
                    "invalid duration \"" + text + "\" (use e.g. 24h, 30m, 90s)"};
        int64_t n = std::stoll(text.substr(start, i - start));
        const char unit = text[i++];
        const int64_t scale = unit == 'h' ? 3600 : unit == 'm' ? 60 : unit == 's' ? 1 : 0;
        if (scale == 0)
            return {StatusCode::BadRequest, "invalid duration unit in \"" + text + "\""};
        seconds += n * scale;
    }
    if (text.empty())
        return {StatusCode::BadRequest, "empty duration"};
    return Status::ok();
}

Result<MasterOptions> parseMasterOptions(const std::vector<std::string> &args) {
    MasterOptions options;
    std::string listen, value;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        if (arg == "-h" || arg == "--help" || arg == "help") {
            options.command = MasterOptions::Command::Help;
        } else if (arg == "--version" || arg == "version") {
            options.command = MasterOptions::Command::Version;
        } else if (arg == "serve") {
            options.command = MasterOptions::Command::Serve;
        } else if (arg == "token" && i + 1 < args.size() && args[i + 1] == "create") {
            options.command = MasterOptions::Command::TokenCreate;
            ++i;
        } else if (takeValue(args, i, "--ttl", value)) {
            if (Status s = parseDuration(value, options.tokenTtlSeconds); !s)
                return Result<MasterOptions>(s);
        } else if (takeValue(args, i, "--data-dir", value)) {
            options.dataDir = value;
        } else if (takeValue(args, i, "--listen", value)) {
            listen = value;
        } else if (takeValue(args, i, "--store", value)) {
            options.storeUri = value;
        } else if (takeValue(args, i, "--write-kubeconfig", value)) {
            options.kubeconfigPath = value;
        } else if (takeValue(args, i, "--log-level", value)) {
            if (value != "debug" && value != "info" && value != "warn" && value != "error")
                return Result<MasterOptions>(StatusCode::BadRequest,
                                             "--log-level must be debug, info, warn or error");
            options.logLevel = value;
        } else {
            return Result<MasterOptions>(StatusCode::BadRequest,
                                         "unknown argument \"" + arg + "\" (see --help)");
        }
    }
    if (options.dataDir.empty())
        return Result<MasterOptions>(StatusCode::BadRequest, "--data-dir must not be empty");
    if (!listen.empty()) {
        if (Status s = parseListenAddress(listen, options.listenHost, options.listenPort); !s)
            return Result<MasterOptions>(s);
    }
    return options;
}

std::string masterUsage() {
    return "Usage: coxswain-master [serve] [flags]\n"
           "       coxswain-master token create [--ttl 24h] [--data-dir DIR]\n"
           "       coxswain-master node add|remove ... (SSH bootstrap; see node --help)\n"
           "\n"
           "Runs the Coxswain control plane (Kubernetes API, store, scheduler, controllers).\n"
           "`token create` prints a new node join token (--ttl 0: never expires); a running\n"
           "master on the same data directory accepts it at once.\n"
           "\n"
           "Flags:\n"
           "  --data-dir DIR            state, certificates and tokens (default ./coxswain-data)\n"
           "  --listen ADDR:PORT        HTTPS address (default 0.0.0.0:6443)\n"
           "  --store URI               sqlite:///path/state.db (default: DATA_DIR/state.db) or "
           "memory://\n"
           "  --write-kubeconfig FILE   write an admin kubeconfig for kubectl\n"
           "  --log-level LEVEL         debug, info, warn or error (default info)\n"
           "  --version                 print the version\n";
}

} // namespace cox::master
