#pragma once
// Lets one test executable hold several Qt Test classes: each .cpp registers its class, and the
// shared main runs them all (Qt Test's QTEST_MAIN allows one class per executable).

#include <QObject>

#include <functional>
#include <memory>
#include <vector>

namespace binvit::test {

using TestFactory = std::function<std::unique_ptr<QObject>()>;

std::vector<TestFactory>& test_registry();

struct TestRegistration {
  explicit TestRegistration(TestFactory factory) { test_registry().push_back(std::move(factory)); }
};

// Runs every registered class with QTest::qExec; returns the number of failed classes.
int run_registered_tests(int argc, char** argv);

}  // namespace binvit::test

#define BINVIT_REGISTER_TEST(Class)                                  \
  static const binvit::test::TestRegistration binvit_registration_##Class( \
      [] { return std::unique_ptr<QObject>(new Class); })
