#include "model/label_selector.h"

#include <algorithm>
#include <charconv>
#include <optional>

namespace cox::model {

namespace {

enum class Token {
    End,
    Identifier,
    In,
    NotIn,
    Equals,
    DoubleEquals,
    NotEquals,
    Not,
    GreaterThan,
    LessThan,
    OpenParen,
    CloseParen,
    Comma
};

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool isSpecial(char c) {
    return c == '!' || c == '=' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
}

// Splits the query-string form into tokens; "in"/"notin" are keywords only where an operator
// is expected, the parser treats them as plain identifiers in value positions.
class Lexer {
public:
    explicit Lexer(std::string_view text)
        : m_text(text) {}

    std::pair<Token, std::string_view> next() {
        while (m_pos < m_text.size() && isSpace(m_text[m_pos]))
            ++m_pos;
        if (m_pos >= m_text.size())
            return {Token::End, ""};
        size_t start = m_pos;
        char c = m_text[m_pos++];
        auto two = [&](char second) {
            if (m_pos < m_text.size() && m_text[m_pos] == second) {
                ++m_pos;
                return true;
            }
            return false;
        };
        switch (c) {
        case '!':
            return {two('=') ? Token::NotEquals : Token::Not, m_text.substr(start, m_pos - start)};
        case '=':
            return {two('=') ? Token::DoubleEquals : Token::Equals,
                    m_text.substr(start, m_pos - start)};
        case '(':
            return {Token::OpenParen, "("};
        case ')':
            return {Token::CloseParen, ")"};
        case ',':
            return {Token::Comma, ","};
        case '>':
            return {Token::GreaterThan, ">"};
        case '<':
            return {Token::LessThan, "<"};
        default:
            break;
        }
        while (m_pos < m_text.size() && !isSpace(m_text[m_pos]) && !isSpecial(m_text[m_pos]))
            ++m_pos;
        std::string_view word = m_text.substr(start, m_pos - start);
        if (word == "in")
            return {Token::In, word};
        if (word == "notin")
            return {Token::NotIn, word};
        return {Token::Identifier, word};
    }

    std::pair<Token, std::string_view> peek() {
        size_t saved = m_pos;
        auto token = next();
        m_pos = saved;
        return token;
    }

private:
    std::string_view m_text;
    size_t m_pos = 0;
};

bool isWord(Token t) {
    return t == Token::Identifier || t == Token::In || t == Token::NotIn;
}

Status parseError(std::string message) {
    return Status(StatusCode::BadRequest, "unable to parse requirement: " + std::move(message));
}

Status found(std::string_view literal, std::string_view expected) {
    return Status(StatusCode::BadRequest,
                  "found '" + std::string(literal) + "', expected: " + std::string(expected));
}

// Key and value rules, reported as Kubernetes' NewRequirement does.
Status validateRequirement(const LabelSelector::Requirement &r) {
    auto keyErrors = checkQualifiedName(r.key);
    if (!keyErrors.empty()) {
        std::string detail;
        for (const auto &e : keyErrors)
            detail += (detail.empty() ? "" : "; ") + e;
        return parseError(FieldError{FieldError::Type::Invalid, "key", r.key, detail}.toString());
    }
    using Op = LabelSelector::Operator;
    if ((r.op == Op::GreaterThan || r.op == Op::LessThan)) {
        int64_t number = 0;
        const std::string &v = r.values.front();
        auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), number);
        if (ec != std::errc() || ptr != v.data() + v.size() || v.empty()) {
            return parseError(FieldError{FieldError::Type::Invalid, "values[0]", v,
                                         "for 'Gt', 'Lt' operators, the value must be an integer"}
                                  .toString());
        }
        return Status::ok();
    }
    for (size_t i = 0; i < r.values.size(); ++i) {
        for (const auto &e : checkLabelValue(r.values[i])) {
            return parseError(FieldError{FieldError::Type::Invalid,
                                         "values[" + std::to_string(i) + "]", r.values[i], e}
                                  .toString());
        }
    }
    return Status::ok();
}

// "(a,b,)" after the operator; "()" is the set {""} as in Kubernetes.
Result<std::vector<std::string>> parseValueSet(Lexer &lexer) {
    auto [open, openText] = lexer.next();
    if (open != Token::OpenParen)
        return found(openText, "'('");
    std::vector<std::string> values;
    std::string current;
    for (;;) {
        auto [tok, text] = lexer.next();
        if (isWord(tok)) {
            current = std::string(text);
            auto [after, afterText] = lexer.next();
            values.push_back(std::move(current));
            current.clear();
            if (after == Token::CloseParen)
                return values;
            if (after != Token::Comma)
                return found(afterText, "',' or ')'");
            continue;
        }
        if (tok == Token::Comma) {
            values.push_back("");
            continue;
        }
        if (tok == Token::CloseParen) {
            values.push_back("");
            return values;
        }
        return found(tok == Token::End ? "" : text, "',', ')' or identifier");
    }
}

Result<LabelSelector::Requirement> parseRequirement(Lexer &lexer) {
    using Op = LabelSelector::Operator;
    LabelSelector::Requirement r;
    auto [first, firstText] = lexer.next();
    if (first == Token::Not) {
        auto [keyTok, keyText] = lexer.next();
        if (!isWord(keyTok))
            return found(keyText, "identifier after '!'");
        r.key = std::string(keyText);
        r.op = Op::DoesNotExist;
        return r;
    }
    if (!isWord(first))
        return found(firstText, "!, identifier, or 'end of string'");
    r.key = std::string(firstText);
    auto [op, opText] = lexer.peek();
    if (op == Token::End || op == Token::Comma) {
        r.op = Op::Exists;
        return r;
    }
    lexer.next();
    switch (op) {
    case Token::In:
    case Token::NotIn: {
        auto values = parseValueSet(lexer);
        if (!values)
            return values.status();
        r.op = op == Token::In ? Op::In : Op::NotIn;
        r.values = std::move(*values);
        return r;
    }
    case Token::Equals:
    case Token::DoubleEquals:
    case Token::NotEquals:
    case Token::GreaterThan:
    case Token::LessThan: {
        r.op = op == Token::NotEquals     ? Op::NotEquals
               : op == Token::GreaterThan ? Op::GreaterThan
               : op == Token::LessThan    ? Op::LessThan
                                          : Op::Equals;
        auto [valueTok, valueText] = lexer.peek();
        if (isWord(valueTok)) {
            lexer.next();
            r.values = {std::string(valueText)};
        } else if (valueTok == Token::End || valueTok == Token::Comma) {
            r.values = {""}; // "a=" selects an empty value
        } else {
            return found(valueText, "identifier");
        }
        return r;
    }
    default:
        return found(opText, "'=', '!=', '==', 'in', 'notin', '>', '<', ',' or end of string");
    }
}

void normalize(LabelSelector::Requirement &r) {
    std::sort(r.values.begin(), r.values.end());
    r.values.erase(std::unique(r.values.begin(), r.values.end()), r.values.end());
}

// Shared matching core: `value` is null when the label is absent; `comparable` is false for a
// present label whose value cannot equal any selector value (non-string JSON).
bool matchValue(const LabelSelector::Requirement &r, const std::string *value, bool comparable) {
    using Op = LabelSelector::Operator;
    bool present = value != nullptr || !comparable;
    auto inSet = [&] {
        return value && std::binary_search(r.values.begin(), r.values.end(), *value);
    };
    switch (r.op) {
    case Op::Equals:
    case Op::In:
        return present && inSet();
    case Op::NotEquals:
    case Op::NotIn:
        return !present || !inSet();
    case Op::Exists:
        return present;
    case Op::DoesNotExist:
        return !present;
    case Op::GreaterThan:
    case Op::LessThan: {
        if (!value || r.values.empty())
            return false;
        int64_t have = 0;
        int64_t want = 0;
        auto [p1, e1] = std::from_chars(value->data(), value->data() + value->size(), have);
        auto [p2, e2] =
            std::from_chars(r.values[0].data(), r.values[0].data() + r.values[0].size(), want);
        if (e1 != std::errc() || p1 != value->data() + value->size() || e2 != std::errc())
            return false;
        return r.op == Op::GreaterThan ? have > want : have < want;
    }
    }
    return false;
}

} // namespace

bool LabelSelector::Requirement::matches(const std::map<std::string, std::string> &labels) const {
    auto it = labels.find(key);
    return matchValue(*this, it == labels.end() ? nullptr : &it->second, true);
}

std::string LabelSelector::Requirement::toString() const {
    auto joined = [&] {
        std::string out = "(";
        for (size_t i = 0; i < values.size(); ++i)
            out += (i == 0 ? "" : ",") + values[i];
        return out + ")";
    };
    const std::string first = values.empty() ? "" : values.front();
    switch (op) {
    case Operator::Equals:
        return key + "=" + first;
    case Operator::NotEquals:
        return key + "!=" + first;
    case Operator::In:
        return key + " in " + joined();
    case Operator::NotIn:
        return key + " notin " + joined();
    case Operator::Exists:
        return key;
    case Operator::DoesNotExist:
        return "!" + key;
    case Operator::GreaterThan:
        return key + ">" + first;
    case Operator::LessThan:
        return key + "<" + first;
    }
    return key;
}

LabelSelector LabelSelector::nothing() {
    LabelSelector s;
    s.m_nothing = true;
    return s;
}

LabelSelector LabelSelector::fromMap(const std::map<std::string, std::string> &labels) {
    LabelSelector s;
    for (const auto &[key, value] : labels)
        s.add({key, Operator::Equals, {value}});
    return s;
}

void LabelSelector::add(Requirement requirement) {
    normalize(requirement);
    // Sorted by key (stable), so toString() is canonical as in Kubernetes.
    auto pos =
        std::upper_bound(m_requirements.begin(), m_requirements.end(), requirement.key,
                         [](const std::string &k, const Requirement &r) { return k < r.key; });
    m_requirements.insert(pos, std::move(requirement));
}

Result<LabelSelector> LabelSelector::parse(std::string_view text) {
    LabelSelector selector;
    Lexer lexer(text);
    if (lexer.peek().first == Token::End)
        return selector;
    for (;;) {
        auto requirement = parseRequirement(lexer);
        if (!requirement)
            return requirement.status();
        if (Status s = validateRequirement(*requirement); !s)
            return s;
        selector.add(std::move(*requirement));
        auto [sep, sepText] = lexer.next();
        if (sep == Token::End)
            return selector;
        if (sep != Token::Comma)
            return found(sepText, "',' or 'end of string'");
        if (lexer.peek().first == Token::End)
            return found("", "identifier after ','");
    }
}

bool LabelSelector::matches(const std::map<std::string, std::string> &labels) const {
    if (m_nothing)
        return false;
    return std::all_of(m_requirements.begin(), m_requirements.end(),
                       [&](const Requirement &r) { return r.matches(labels); });
}

bool LabelSelector::matches(const Json &labels) const {
    if (m_nothing)
        return false;
    for (const auto &r : m_requirements) {
        const std::string *value = nullptr;
        bool comparable = true;
        if (labels.is_object()) {
            auto it = labels.find(r.key);
            if (it != labels.end() && it->is_string())
                value = it->get_ptr<const std::string *>();
            else if (it != labels.end())
                comparable = false;
        }
        if (!matchValue(r, value, comparable))
            return false;
    }
    return true;
}

std::string LabelSelector::toString() const {
    std::string out;
    for (const auto &r : m_requirements)
        out += (out.empty() ? "" : ",") + r.toString();
    return out;
}

} // namespace cox::model
