#include "tests/support/test_registry.h"

#include <QTest>

namespace binvit::test {

std::vector<TestFactory>& test_registry() {
  static std::vector<TestFactory> registry;
  return registry;
}

int run_registered_tests(int argc, char** argv) {
  int failed_classes = 0;
  for (const TestFactory& factory : test_registry()) {
    const std::unique_ptr<QObject> test = factory();
    if (QTest::qExec(test.get(), argc, argv) != 0) ++failed_classes;
  }
  return failed_classes;
}

}  // namespace binvit::test
