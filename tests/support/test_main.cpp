#include "tests/support/test_registry.h"

#include <QCoreApplication>

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  return binvit::test::run_registered_tests(argc, argv);
}
