#include "bootstrap/shell_quote.h"

namespace cox::bootstrap {

std::string shellQuote(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    out += '\'';
    return out;
}

} // namespace cox::bootstrap
