// RealNodeTest: the fixture of the agent system tests - a SystemEnv (control plane, registry and
// the real coxswain-agent on runc) whose node is Ready with a pod CIDR before each test.
#pragma once

#include "system_env.h"

#include <gtest/gtest.h>

namespace cox::agent::testing {

class RealNodeTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (std::string missing = missingPrerequisite(); !missing.empty())
            GTEST_SKIP() << "agent system tests " << missing;
        m_env = std::make_unique<SystemEnv>();
        ASSERT_EQ(m_env->start(), "");
        ASSERT_EQ(m_env->startAgent(), "");
        ASSERT_TRUE(
            cox::testing::waitUntil([&] { return m_env->nodeReady() && !m_env->podCidr().empty(); },
                                    std::chrono::seconds(60)))
            << m_env->agentLog();
        m_cidr = m_env->podCidr();
    }
    void TearDown() override { m_env.reset(); }

    std::unique_ptr<SystemEnv> m_env;
    std::string m_cidr;
};

} // namespace cox::agent::testing
