// Minimal leveled logging to stderr, one line per message, safe from many threads.
// Never pass tokens, keys or passwords: there is no redaction pass, by design the caller decides.
#pragma once

#include <sstream>
#include <string_view>

namespace cox::log {

enum class Level { Debug = 0, Info = 1, Warn = 2, Error = 3 };

void setLevel(Level level);
Level level();
void write(Level level, std::string_view component, std::string_view message);

// Streams a message and writes it when destroyed: COX_LOG(Info, "store") << "opened " << path;
class Line {
public:
    Line(Level level, std::string_view component)
        : m_level(level)
        , m_component(component) {}
    ~Line() { write(m_level, m_component, m_stream.str()); }
    Line(const Line &) = delete;
    Line &operator=(const Line &) = delete;

    template<typename T>
    Line &operator<<(const T &value) {
        m_stream << value;
        return *this;
    }

private:
    Level m_level;
    std::string_view m_component;
    std::ostringstream m_stream;
};

} // namespace cox::log

// The switch makes the macro one complete statement, so `if (x) COX_LOG(...) << ...;` has no
// dangling else.
#define COX_LOG(lvl, component)                                                                    \
    switch (0)                                                                                     \
    case 0:                                                                                        \
    default:                                                                                       \
        if (::cox::log::Level::lvl < ::cox::log::level()) {                                        \
        } else                                                                                     \
            ::cox::log::Line(::cox::log::Level::lvl, component)
