#include "core/runtime/json/json_parser.h"
#include "tests/support/test_registry.h"

#include <QObject>
#include <QTest>

#include <string>

using binvit::runtime::json::JsonError;
using binvit::runtime::json::ParseError;
using binvit::runtime::json::Value;
using binvit::runtime::json::parse;

class TestJson : public QObject {
  Q_OBJECT

 private slots:
  void parsesEveryKindOfValue() {
    // (moc cannot read raw string literals with escapes, so the document is spelled out.)
    const Value v = parse(" {\"a\": [1, -2.5e3, 0.125, true, false, null], "
                          "\"s\": \"x\\\"\\\\\\/\\b\\f\\n\\r\\tA\\u00e9\\ud83d\\ude00\", \"o\": {}} ");
    const auto& a = v.at("a", "doc").as_array("a");
    QCOMPARE(a.size(), size_t{6});
    QCOMPARE(a[0].as_number("a[0]"), 1.0);
    QCOMPARE(a[1].as_number("a[1]"), -2500.0);
    QCOMPARE(a[2].as_number("a[2]"), 0.125);
    QVERIFY(a[3].as_bool("a[3]"));
    QVERIFY(!a[4].as_bool("a[4]"));
    QVERIFY(a[5].is_null());
    QCOMPARE(v.at("s", "doc").as_string("s"), std::string("x\"\\/\b\f\n\r\tA\xc3\xa9\xf0\x9f\x98\x80"));
    QVERIFY(v.at("o", "doc").as_object("o").empty());
  }

  void numbersRoundTripExactly() {
    for (double x : {0.1, 1.0 / 3.0, 1e-12, 6.02214076e23, -0.0, 9007199254740992.0,
                     static_cast<double>(0.7f), 4.9406564584124654e-324}) {
      const Value back = parse(Value(x).dump());
      QCOMPARE(back.as_number("x"), x);
    }
  }

  void dumpThenParseKeepsStructure() {
    Value doc = Value::object();
    doc.set("name", "tab\there \x01 end");
    Value list = Value::array();
    list.push_back(3);
    list.push_back("three");
    doc.set("list", list);
    const Value back = parse(doc.dump());
    QCOMPARE(back.dump(), doc.dump());
    QCOMPARE(back.at("name", "doc").as_string("name"), std::string("tab\there \x01 end"));
  }

  void rejectsWhatStrictJsonForbids_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("offset");
    QTest::newRow("trailing_comma_array") << QByteArray("[1,]") << 3;
    QTest::newRow("trailing_comma_object") << QByteArray("{\"a\":1,}") << 7;
    QTest::newRow("duplicate_key") << QByteArray("{\"a\":1,\"a\":2}") << 7;
    QTest::newRow("leading_zero") << QByteArray("01") << 1;
    QTest::newRow("plus_sign") << QByteArray("+1") << 0;
    QTest::newRow("bare_dot") << QByteArray("1.") << 2;
    QTest::newRow("nan") << QByteArray("NaN") << 0;
    QTest::newRow("infinity_overflow") << QByteArray("1e999") << 0;
    QTest::newRow("comment") << QByteArray("[1] // no") << 4;
    QTest::newRow("single_quotes") << QByteArray("'a'") << 0;
    QTest::newRow("raw_newline_in_string") << QByteArray("\"a\nb\"") << 2;
    QTest::newRow("bad_escape") << QByteArray("\"\\x\"") << 2;
    QTest::newRow("lone_high_surrogate") << QByteArray("\"\\ud800\"") << 7;
    QTest::newRow("lone_low_surrogate") << QByteArray("\"\\udc00\"") << 7;
    QTest::newRow("invalid_utf8") << QByteArray("\"\xff\"") << 1;
    QTest::newRow("overlong_utf8") << QByteArray("\"\xc0\xaf\"") << 1;
    QTest::newRow("unterminated") << QByteArray("\"abc") << 4;
    QTest::newRow("text_after_value") << QByteArray("{} {}") << 3;
    QTest::newRow("empty") << QByteArray("") << 0;
    QTest::newRow("truncated_literal") << QByteArray("tru") << 0;
    QTest::newRow("missing_colon") << QByteArray("{\"a\" 1}") << 5;
  }
  void rejectsWhatStrictJsonForbids() {
    QFETCH(QByteArray, text);
    QFETCH(int, offset);
    try {
      parse(std::string_view(text.constData(), static_cast<size_t>(text.size())));
      QFAIL("accepted invalid JSON");
    } catch (const ParseError& error) {
      QCOMPARE(static_cast<int>(error.offset()), offset);
    }
  }

  void limitsNesting() {
    const std::string deep = std::string(65, '[') + std::string(65, ']');
    QVERIFY_THROWS_EXCEPTION(ParseError, parse(deep));
    const std::string ok = std::string(64, '[') + std::string(64, ']');
    QVERIFY(parse(ok).is_array());
  }

  void typedAccessNamesTheValue() {
    const Value v = parse("{\"n\": 1.5, \"s\": \"x\", \"big\": 1e300, \"neg\": -1}");
    try {
      v.at("n", "header").as_size("header.n");
      QFAIL("accepted a fraction as a size");
    } catch (const JsonError& error) {
      QVERIFY2(std::string(error.what()).find("header.n") != std::string::npos, error.what());
    }
    QVERIFY_THROWS_EXCEPTION(JsonError, v.at("s", "h").as_number("h.s"));
    QVERIFY_THROWS_EXCEPTION(JsonError, v.at("big", "h").as_size("h.big"));
    QVERIFY_THROWS_EXCEPTION(JsonError, v.at("neg", "h").as_size("h.neg"));
    QVERIFY_THROWS_EXCEPTION(JsonError, v.at("missing", "h"));
    QCOMPARE(v.at("neg", "h").as_int("h.neg"), std::int64_t{-1});
  }
};

BINVIT_REGISTER_TEST(TestJson);
#include "test_json.moc"
