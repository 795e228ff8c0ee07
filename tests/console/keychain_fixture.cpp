#include "keychain_fixture.h"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <dlfcn.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace cox::console::testing {

namespace {

using namespace std::chrono_literals;
using cox::testing::Env;
using cox::testing::runCommand;

bool g_touched = false;

// GLib's D-Bus entry points, looked up at run time: the tests need four functions of the
// library libsecret already loads, not GLib's development headers. The prototypes are GLib's
// (GBusType G_BUS_TYPE_SESSION = 2; gboolean is int).
struct Gio {
    void *(*busGetSync)(int, void *, void **) = nullptr;
    const char *(*getGuid)(void *) = nullptr;
    void (*setExitOnClose)(void *, int) = nullptr;
    int (*closeSync)(void *, void *, void **) = nullptr;
    void (*unref)(void *) = nullptr;
    void (*errorFree)(void *) = nullptr;

    static const Gio *load() {
        static const Gio gio = [] {
            Gio g;
            void *lib = ::dlopen("libgio-2.0.so.0", RTLD_NOW | RTLD_GLOBAL);
            if (!lib)
                return g;
            g.busGetSync = reinterpret_cast<decltype(g.busGetSync)>(::dlsym(lib, "g_bus_get_sync"));
            g.getGuid =
                reinterpret_cast<decltype(g.getGuid)>(::dlsym(lib, "g_dbus_connection_get_guid"));
            g.setExitOnClose = reinterpret_cast<decltype(g.setExitOnClose)>(
                ::dlsym(lib, "g_dbus_connection_set_exit_on_close"));
            g.closeSync = reinterpret_cast<decltype(g.closeSync)>(
                ::dlsym(lib, "g_dbus_connection_close_sync"));
            g.unref = reinterpret_cast<decltype(g.unref)>(::dlsym(lib, "g_object_unref"));
            g.errorFree = reinterpret_cast<decltype(g.errorFree)>(::dlsym(lib, "g_error_free"));
            return g;
        }();
        const bool complete = gio.busGetSync && gio.getGuid && gio.setExitOnClose &&
                              gio.closeSync && gio.unref && gio.errorFree;
        return complete ? &gio : nullptr;
    }
};

bool onPath(const std::string &tool) {
    return runCommand({"sh", "-c", "command -v " + tool}, {}, 10s).exitCode == 0;
}

// A session bus that only this test's processes know: no service activation (nothing starts
// behind the test's back), EXTERNAL auth (same uid), everything allowed between its clients.
std::string busConfig(const std::string &socket) {
    return "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN\"\n"
           " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
           "<busconfig>\n"
           "  <type>session</type>\n"
           "  <listen>unix:path=" +
           socket +
           "</listen>\n"
           "  <auth>EXTERNAL</auth>\n"
           "  <policy context=\"default\">\n"
           "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
           "    <allow eavesdrop=\"true\"/>\n"
           "    <allow own=\"*\"/>\n"
           "  </policy>\n"
           "</busconfig>\n";
}

class KeychainEnvironment : public ::testing::Environment {
public:
    void TearDown() override {
        if (KeychainSession::touched())
            KeychainSession::instance().shutdown();
    }
};

[[maybe_unused]] ::testing::Environment *const g_environment =
    ::testing::AddGlobalTestEnvironment(new KeychainEnvironment);

} // namespace

KeychainSession &KeychainSession::instance() {
    // Never destroyed: shutdown() runs from the test environment's TearDown, before exit.
    static KeychainSession *session = new KeychainSession;
    return *session;
}

bool KeychainSession::touched() {
    return g_touched;
}

KeychainSession::KeychainSession() {
    g_touched = true;
    start();
}

void KeychainSession::start() {
    for (const char *tool :
         {"dbus-daemon", "dbus-send", "gnome-keyring-daemon", "secret-tool", "setpriv"})
        if (!onPath(tool)) {
            m_problem = std::string(tool) + " is not installed (packages dbus, gnome-keyring, "
                                            "libsecret-tools)";
            return;
        }
    // QtKeychain reaches the Secret Service through libsecret, which it loads at run time.
    if (void *libsecret = ::dlopen("libsecret-1.so.0", RTLD_NOW)) {
        ::dlclose(libsecret);
    } else {
        m_problem = "libsecret-1.so.0 is not installed (package libsecret-1-0)";
        return;
    }
    if (!Gio::load()) {
        m_problem = "GLib's libgio-2.0.so.0 cannot be loaded";
        return;
    }
    m_dir = cox::testing::makeTempDir("console-keychain");
    for (const char *sub : {"/home", "/data", "/config", "/runtime"})
        if (::mkdir((m_dir + sub).c_str(), 0700) != 0) {
            m_problem = "cannot create " + m_dir + sub;
            return;
        }
    if (startBus() && startKeyring())
        connectProcess();
}

bool KeychainSession::startBus() {
    const std::string config = m_dir + "/bus.conf";
    cox::testing::writeFile(config, busConfig(m_dir + "/bus"));
    const std::string log = m_dir + "/dbus-daemon.log";
    // setpriv: the daemons die with this process even when it crashes (exec keeps the pid).
    if (!m_bus.start({"setpriv", "--pdeathsig", "KILL", "--", "dbus-daemon",
                      "--config-file=" + config, "--nofork", "--nosyslog", "--print-address=1"},
                     {}, log)) {
        m_problem = "dbus-daemon did not start";
        return false;
    }
    // It prints "unix:path=...,guid=..." once it listens.
    const bool listening = cox::testing::waitUntil(
        [&] { return cox::testing::readFile(log).find("unix:path=") != std::string::npos; }, 10s);
    const std::string out = cox::testing::readFile(log);
    const size_t start = out.find("unix:path=");
    if (!listening || start == std::string::npos) {
        m_problem = "dbus-daemon printed no address: " + out;
        return false;
    }
    m_address = out.substr(start, out.find('\n', start) - start);
    const size_t guid = m_address.find(",guid=");
    m_guid = guid == std::string::npos ? std::string() : m_address.substr(guid + 6);
    return true;
}

bool KeychainSession::startKeyring() {
    // The login collection is created on first start with the password given on stdin, and
    // unlocked: no prompt ever (there is no display to show one).
    const std::string password = m_dir + "/login-password";
    cox::testing::writeFile(password, "keychain-test-login");
    const Env env = {{"HOME", m_dir + "/home"},
                     {"XDG_DATA_HOME", m_dir + "/data"},
                     {"XDG_CONFIG_HOME", m_dir + "/config"},
                     {"XDG_RUNTIME_DIR", m_dir + "/runtime"},
                     {"DBUS_SESSION_BUS_ADDRESS", m_address}};
    // exec keeps the pid, so stop() reaches the daemon itself.
    if (!m_keyring.start({"setpriv", "--pdeathsig", "KILL", "--", "sh", "-c",
                          "exec gnome-keyring-daemon --foreground --unlock --components=secrets "
                          "< \"$0\"",
                          password},
                         env, m_dir + "/gnome-keyring.log")) {
        m_problem = "gnome-keyring-daemon did not start";
        return false;
    }
    const bool owned = cox::testing::waitUntil(
        [&] {
            const auto r =
                runCommand({"dbus-send", "--session", "--print-reply",
                            "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
                            "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"},
                           {{"DBUS_SESSION_BUS_ADDRESS", m_address}}, 5s);
            return r.exitCode == 0 && r.out.find("boolean true") != std::string::npos;
        },
        15s);
    if (!owned) {
        m_problem = "gnome-keyring-daemon did not take org.freedesktop.secrets: " +
                    cox::testing::readFile(m_dir + "/gnome-keyring.log");
        return false;
    }
    return true;
}

// Points this process's session bus at the private bus and takes GLib's shared connection
// now, so libsecret uses it; it must be ours (a process already connected to a desktop's bus
// would otherwise write into that user's real keychain).
bool KeychainSession::connectProcess() {
    const Gio *gio = Gio::load();
    if (const char *old = std::getenv("DBUS_SESSION_BUS_ADDRESS"))
        m_savedAddress = old;
    ::setenv("DBUS_SESSION_BUS_ADDRESS", m_address.c_str(), 1);
    void *error = nullptr;
    m_connection = gio->busGetSync(2 /* G_BUS_TYPE_SESSION */, nullptr, &error);
    if (!m_connection) {
        if (error)
            gio->errorFree(error);
        m_problem = "cannot connect to the private session bus " + m_address;
        return false;
    }
    // When the bus goes away GLib would otherwise raise SIGTERM in this process.
    gio->setExitOnClose(m_connection, 0);
    const std::string guid = gio->getGuid(m_connection) ? gio->getGuid(m_connection) : "";
    if (guid != m_guid) {
        // Not ours to close: leave that connection (and its keychain) alone.
        gio->unref(m_connection);
        m_connection = nullptr;
        m_problem = "this process was already connected to another session bus (guid " + guid +
                    "); not touching that keychain";
        return false;
    }
    return true;
}

void KeychainSession::disconnectProcess() {
    // libsecret keeps the Secret Service proxy (and its connection) cached; drop it.
    if (void *libsecret = ::dlopen("libsecret-1.so.0", RTLD_NOW | RTLD_NOLOAD)) {
        if (auto disconnect =
                reinterpret_cast<void (*)()>(::dlsym(libsecret, "secret_service_disconnect")))
            disconnect();
        ::dlclose(libsecret);
    }
    if (const Gio *gio = Gio::load(); gio && m_connection) {
        void *error = nullptr;
        gio->closeSync(m_connection, nullptr, &error);
        if (error)
            gio->errorFree(error);
        gio->unref(m_connection);
    }
    m_connection = nullptr;
    if (m_savedAddress)
        ::setenv("DBUS_SESSION_BUS_ADDRESS", m_savedAddress->c_str(), 1);
    else
        ::unsetenv("DBUS_SESSION_BUS_ADDRESS");
}

std::optional<std::string> KeychainSession::lookup(const std::string &service,
                                                   const std::string &key) const {
    if (!ok())
        return std::nullopt;
    const auto r = runCommand({"secret-tool", "lookup", "server", service, "user", key},
                              {{"DBUS_SESSION_BUS_ADDRESS", m_address}}, 10s);
    if (r.exitCode != 0)
        return std::nullopt;
    return r.out;
}

void KeychainSession::shutdown() {
    if (m_connection)
        disconnectProcess();
    m_keyring.stop(SIGTERM, 5s);
    m_bus.stop(SIGTERM, 5s);
    if (!m_dir.empty())
        cox::testing::removeTree(m_dir);
    m_dir.clear();
    if (m_problem.empty())
        m_problem = "the keychain session was shut down";
}

ScopedBusAddress::ScopedBusAddress(const std::string &address) {
    if (const char *old = std::getenv("DBUS_SESSION_BUS_ADDRESS"))
        m_old = old;
    ::setenv("DBUS_SESSION_BUS_ADDRESS", address.c_str(), 1);
}

ScopedBusAddress::~ScopedBusAddress() {
    if (m_old)
        ::setenv("DBUS_SESSION_BUS_ADDRESS", m_old->c_str(), 1);
    else
        ::unsetenv("DBUS_SESSION_BUS_ADDRESS");
}

std::vector<std::string> filesContaining(const std::string &dir, const std::string &needle) {
    std::vector<std::string> found;
    std::error_code ec;
    namespace fs = std::filesystem;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file(ec) &&
            cox::testing::readFile(it->path().string()).find(needle) != std::string::npos)
            found.push_back(it->path().string());
    return found;
}

} // namespace cox::console::testing
