#include "http/request.h"

#include <algorithm>
#include <cctype>

namespace cox::http {

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
    return std::lexicographical_compare(
        a.begin(), a.end(), b.begin(), b.end(),
        [](unsigned char x, unsigned char y) { return std::tolower(x) < std::tolower(y); });
}

std::string Request::queryValue(std::string_view name, std::string_view fallback) const {
    auto it = query.find(std::string(name));
    return it == query.end() ? std::string(fallback) : it->second;
}

bool Request::hasQuery(std::string_view name) const {
    return query.find(std::string(name)) != query.end();
}

std::string Request::header(std::string_view name) const {
    auto it = headers.find(std::string(name));
    return it == headers.end() ? std::string() : it->second;
}

} // namespace cox::http
