#include "model/strict_json.h"

#include <set>

namespace cox::model {

namespace {

struct TooDeep {};

// One open object or array while parsing; tracks where the next key/element sits.
struct Frame {
    bool isArray = false;
    long nextIndex = 0;         // arrays: index of the next element
    std::string key;            // objects: the key whose value is being parsed
    std::set<std::string> keys; // objects: keys seen so far
};

class PathTracker {
public:
    explicit PathTracker(std::vector<std::string> *duplicates)
        : m_duplicates(duplicates) {}

    bool onEvent(int depth, Json::parse_event_t event, Json &parsed) {
        using E = Json::parse_event_t;
        if (depth > kMaxJsonDepth)
            throw TooDeep{};
        switch (event) {
        case E::object_start:
        case E::array_start:
            enterElement();
            m_frames.push_back(Frame{event == E::array_start, 0, {}, {}});
            break;
        case E::object_end:
        case E::array_end:
            m_frames.pop_back();
            break;
        case E::key:
            onKey(parsed.get<std::string>());
            break;
        case E::value:
            enterElement();
            break;
        }
        return true;
    }

private:
    // Arrays count their elements so a later duplicate can name "[i]".
    void enterElement() {
        if (!m_frames.empty() && m_frames.back().isArray)
            ++m_frames.back().nextIndex;
    }

    void onKey(std::string key) {
        Frame &f = m_frames.back();
        f.key = std::move(key);
        if (!f.keys.insert(f.key).second && m_duplicates)
            m_duplicates->push_back(currentPath());
    }

    std::string currentPath() const {
        std::string path;
        for (const Frame &f : m_frames) {
            if (f.isArray) {
                path += "[" + std::to_string(f.nextIndex - 1) + "]";
                continue;
            }
            if (!path.empty())
                path += '.';
            path += f.key;
        }
        return path;
    }

    std::vector<std::string> *m_duplicates;
    std::vector<Frame> m_frames;
};

std::string shortParseMessage(const std::string &what) {
    // nlohmann: "[json.exception.parse_error.101] parse error at line 1, column 5: syntax ..."
    auto pos = what.find("] ");
    std::string rest = pos == std::string::npos ? what : what.substr(pos + 2);
    return "invalid JSON: " + rest;
}

} // namespace

Result<Json> parseJsonStrict(std::string_view text, std::vector<std::string> *duplicateFields) {
    PathTracker tracker(duplicateFields);
    try {
        return Json::parse(text.begin(), text.end(),
                           [&tracker](int depth, Json::parse_event_t event, Json &parsed) {
                               return tracker.onEvent(depth, event, parsed);
                           });
    } catch (const Json::parse_error &e) {
        return Status(StatusCode::BadRequest, shortParseMessage(e.what()));
    } catch (const TooDeep &) {
        return Status(StatusCode::BadRequest, "invalid JSON: nesting deeper than " +
                                                  std::to_string(kMaxJsonDepth) + " levels");
    }
}

} // namespace cox::model
