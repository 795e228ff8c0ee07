#include "model/validation.h"

#include <gtest/gtest.h>

namespace cox::model {
namespace {

TEST(Dns1123Label, AcceptsAndRejects) {
    for (const char *ok : {"a", "ab", "a-b", "0", "123-abc", "my-name"})
        EXPECT_TRUE(isDns1123Label(ok)) << ok;
    for (const char *bad : {"", "-a", "a-", "A", "a_b", "a.b", "a b"})
        EXPECT_FALSE(isDns1123Label(bad)) << bad;
    EXPECT_TRUE(isDns1123Label(std::string(63, 'a')));
    auto errs = checkDns1123Label(std::string(64, 'a'));
    ASSERT_EQ(errs.size(), 1u);
    EXPECT_EQ(errs[0], "must be no more than 63 characters");
}

TEST(Dns1123Label, MessageMatchesKubernetes) {
    auto errs = checkDns1123Label("My_Name");
    ASSERT_EQ(errs.size(), 1u);
    EXPECT_EQ(errs[0], "a lowercase RFC 1123 label must consist of lower case alphanumeric "
                       "characters or '-', and must start and end with an alphanumeric character "
                       "(e.g. 'my-name',  or '123-abc', regex used for validation is "
                       "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
}

TEST(Dns1123Subdomain, AcceptsAndRejects) {
    for (const char *ok : {"a", "example.com", "a.b.c", "a-1.b-2", "0.0"})
        EXPECT_TRUE(isDns1123Subdomain(ok)) << ok;
    for (const char *bad : {"", ".a", "a.", "a..b", "a.-b", "Example.com", "a_b.c"})
        EXPECT_FALSE(isDns1123Subdomain(bad)) << bad;
    std::string longName(250, 'a');
    longName += ".bcd";
    auto errs = checkDns1123Subdomain(longName);
    ASSERT_FALSE(errs.empty());
    EXPECT_EQ(errs[0], "must be no more than 253 characters");
    EXPECT_EQ(checkDns1123Subdomain("A")[0],
              "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
              "'-' or '.', and must start and end with an alphanumeric character (e.g. "
              "'example.com', regex used for validation is "
              "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
}

TEST(QualifiedName, AcceptsPrefixedAndPlainKeys) {
    for (const char *ok : {"app", "MyName", "my.name", "123-abc", "a_b", "example.com/MyName",
                           "app.kubernetes.io/name", "k8s.io/a"})
        EXPECT_TRUE(checkQualifiedName(ok).empty()) << ok;
}

TEST(QualifiedName, ExplainsEachPart) {
    auto errs = checkQualifiedName("/name");
    ASSERT_EQ(errs.size(), 1u);
    EXPECT_EQ(errs[0], "prefix part must be non-empty");

    errs = checkQualifiedName("Example.com/name");
    ASSERT_EQ(errs.size(), 1u);
    EXPECT_TRUE(errs[0].starts_with("prefix part a lowercase RFC 1123 subdomain")) << errs[0];

    errs = checkQualifiedName("example.com/");
    ASSERT_EQ(errs.size(), 2u);
    EXPECT_EQ(errs[0], "name part must be non-empty");

    errs = checkQualifiedName(std::string(64, 'a'));
    ASSERT_EQ(errs.size(), 1u);
    EXPECT_EQ(errs[0], "name part must be no more than 63 characters");

    errs = checkQualifiedName("-abc");
    ASSERT_EQ(errs.size(), 1u);
    EXPECT_EQ(errs[0], "name part must consist of alphanumeric characters, '-', '_' or '.', and "
                       "must start and end with an alphanumeric character (e.g. 'MyName',  or "
                       "'my.name',  or '123-abc', regex used for validation is "
                       "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");

    errs = checkQualifiedName("a/b/c");
    ASSERT_EQ(errs.size(), 1u);
    EXPECT_TRUE(errs[0].starts_with("a qualified name must consist of")) << errs[0];
    EXPECT_TRUE(errs[0].ends_with("with an optional DNS subdomain prefix and '/' (e.g. "
                                  "'example.com/MyName')"))
        << errs[0];
}

TEST(LabelValue, EmptyIsValid) {
    for (const char *ok : {"", "a", "MyValue", "my_value", "12345", "a.b-c_d"})
        EXPECT_TRUE(checkLabelValue(ok).empty()) << ok;
    for (const char *bad : {"-a", "a-", "a/b", "a b", "_"})
        EXPECT_FALSE(checkLabelValue(bad).empty()) << bad;
    EXPECT_EQ(checkLabelValue(std::string(64, 'x'))[0], "must be no more than 63 characters");
    EXPECT_EQ(checkLabelValue("-a")[0],
              "a valid label must be an empty string or consist of alphanumeric characters, '-', "
              "'_' or '.', and must start and end with an alphanumeric character (e.g. "
              "'MyValue',  or 'my_value',  or '12345', regex used for validation is "
              "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
}

TEST(CIdentifier, FollowsRelaxedEnvVarRule) {
    for (const char *ok : {"PATH", "_x", "my.env-name", "MY_ENV.NAME", "MyEnvName1", "-x", ".a"})
        EXPECT_TRUE(checkCIdentifier(ok).empty()) << ok;
    for (const char *bad : {"", "1abc", "a b", "a=b", ".", "..", "..a"})
        EXPECT_FALSE(checkCIdentifier(bad).empty()) << bad;
    EXPECT_EQ(checkCIdentifier("..")[0], "must not be '..'");
    EXPECT_EQ(checkCIdentifier("..a")[0], "must not start with '..'");
}

TEST(PortNumber, Range) {
    EXPECT_TRUE(checkPortNumber(1).empty());
    EXPECT_TRUE(checkPortNumber(65535).empty());
    EXPECT_EQ(checkPortNumber(0),
              std::vector<std::string>{"must be between 1 and 65535, inclusive"});
    EXPECT_FALSE(checkPortNumber(65536).empty());
    EXPECT_FALSE(checkPortNumber(-80).empty());
}

TEST(IPv4, DottedQuadOnly) {
    for (const char *ok : {"0.0.0.0", "127.0.0.1", "10.244.1.12", "255.255.255.255"})
        EXPECT_TRUE(checkIPv4(ok).empty()) << ok;
    for (const char *bad : {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "a.b.c.d",
                            "1.2.3.4 ", "::1", "1.2.3.-4", "1111.2.3.4"})
        EXPECT_EQ(checkIPv4(bad), std::vector<std::string>{"must be a valid IPv4 address"}) << bad;
}

TEST(FieldError, FormatsLikeKubernetes) {
    FieldError invalid{FieldError::Type::Invalid, "spec.replicas", "-1",
                       "must be greater than or equal to 0"};
    EXPECT_EQ(invalid.toString(),
              "spec.replicas: Invalid value: -1: must be greater than or equal to 0");
    EXPECT_EQ(invalid.reason(), "FieldValueInvalid");

    FieldError required{FieldError::Type::Required, "metadata.name", "", ""};
    EXPECT_EQ(required.toString(), "metadata.name: Required value");
    EXPECT_EQ(required.reason(), "FieldValueRequired");

    FieldError name{FieldError::Type::Invalid, "metadata.name", "A", "a lowercase RFC 1123"};
    EXPECT_EQ(name.toString(), "metadata.name: Invalid value: \"A\": a lowercase RFC 1123");

    FieldError quoted{FieldError::Type::Invalid, "x", "say \"hi\"\n", ""};
    EXPECT_EQ(quoted.toString(), "x: Invalid value: \"say \\\"hi\\\"\\n\"");

    FieldError unsupported{FieldError::Type::NotSupported, "spec.restartPolicy", "Sometimes",
                           "supported values: \"Always\", \"Never\", \"OnFailure\""};
    EXPECT_EQ(unsupported.toString(),
              "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: "
              "\"Always\", \"Never\", \"OnFailure\"");
    EXPECT_EQ(unsupported.reason(), "FieldValueNotSupported");

    FieldError forbidden{FieldError::Type::Forbidden, "spec", "x", "pod updates may not change"};
    EXPECT_EQ(forbidden.toString(), "spec: Forbidden: pod updates may not change");

    FieldError tooLong{FieldError::Type::TooLong, "metadata.annotations", "", "may not be more"};
    EXPECT_EQ(tooLong.toString(), "metadata.annotations: Too long: may not be more");

    EXPECT_EQ((FieldError{FieldError::Type::Duplicate, "spec.ports[1].port", "80", ""}).toString(),
              "spec.ports[1].port: Duplicate value: 80");
    EXPECT_EQ((FieldError{FieldError::Type::Invalid, "spec.hostNetwork", "true", ""}).toString(),
              "spec.hostNetwork: Invalid value: true");
    EXPECT_EQ((FieldError{FieldError::Type::Invalid, "a", "inf", ""}).toString(),
              "a: Invalid value: \"inf\"");
    EXPECT_EQ(FieldError{FieldError::Type::Duplicate}.reason(), "FieldValueDuplicate");
    EXPECT_EQ(FieldError{FieldError::Type::Forbidden}.reason(), "FieldValueForbidden");
    EXPECT_EQ(FieldError{FieldError::Type::TooLong}.reason(), "FieldValueTooLong");
    EXPECT_EQ(FieldError{FieldError::Type::TooMany}.reason(), "FieldValueTooMany");
}

} // namespace
} // namespace cox::model
