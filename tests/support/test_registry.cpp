#include "tests/support/test_registry.h"

#include <QTest>

#include <exception>
#include <iostream>

namespace binvit::test {

std::vector<TestFactory>& test_registry() {
  static std::vector<TestFactory> registry;
  return registry;
}

int run_registered_tests(int argc, char** argv) {
  int failed_classes = 0;
  for (const TestFactory& factory : test_registry()) {
    const std::unique_ptr<QObject> test = factory();
    try {
      if (QTest::qExec(test.get(), argc, argv) != 0) ++failed_classes;
    } catch (const std::exception& error) {
      // Qt Test reports the exception as a failure and rethrows it; ending through terminate()
      // would loop in Qt's crash handler, so the class counts as failed and the next one runs.
      std::cerr << test->metaObject()->className() << ": unhandled exception: " << error.what()
                << "\n";
      ++failed_classes;
    }
  }
  return failed_classes;
}

}  // namespace binvit::test
