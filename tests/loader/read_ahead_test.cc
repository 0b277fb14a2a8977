// ReadAhead hands elements from a reader thread to the caller in order, and
// reports the same first error a one-thread run would.
#include "storage/import/read_ahead.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <vector>

namespace dyad::storage {
namespace {

// A reader of n elements with lines 1..n; fails after line fail_after when
// it is not 0.
ElementReader CountingReader(int n, int fail_after = 0, std::atomic<int>* produced = nullptr) {
  return [=](const ElementSink& sink) -> Status {
    for (int i = 1; i <= n; ++i) {
      if (fail_after && i > fail_after) return Status::InvalidArgument("bad line " + std::to_string(i));
      Element e;
      e.line = i;
      e.key = "n" + std::to_string(i);
      Status s = sink(std::move(e));
      if (produced) ++*produced;
      if (!s.ok()) return s;
    }
    return Status::OK();
  };
}

TEST(ReadAheadTest, EveryElementArrivesOnceInOrder) {
  std::vector<int> lines;
  int looked = 0;
  Status s = ReadAhead(
      CountingReader(10'000),
      [&](Element&& e) {
        EXPECT_EQ(e.key, "n" + std::to_string(e.line));
        lines.push_back(e.line);
        return Status::OK();
      },
      [&](const Element& e) {
        ++looked;
        EXPECT_GT(e.line, static_cast<int>(lines.size()));  // seen before it is consumed
      });
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(lines.size(), 10'000u);
  for (int i = 0; i < 10'000; ++i) ASSERT_EQ(lines[i], i + 1);
  EXPECT_EQ(looked, 10'000);
}

TEST(ReadAheadTest, ReaderErrorComesAfterTheElementsBeforeIt) {
  int consumed = 0;
  Status s = ReadAhead(CountingReader(5'000, 3'333), [&](Element&&) {
    ++consumed;
    return Status::OK();
  });
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(s.message(), "bad line 3334");
  EXPECT_EQ(consumed, 3'333);
  // An element before the reader's error that the consumer refuses: as on
  // one thread, the consumer's error is the one reported.
  s = ReadAhead(CountingReader(5'000, 3'333), [&](Element&& e) {
    return e.line == 3'300 ? Status::InvalidArgument("refused 3300") : Status::OK();
  });
  EXPECT_EQ(s.message(), "refused 3300");
}

TEST(ReadAheadTest, ConsumerErrorWinsAndStopsTheReader) {
  std::atomic<int> produced{0};
  int consumed = 0;
  // The reader would fail later; the consumer fails first, at line 100.
  Status s = ReadAhead(CountingReader(1'000'000, 900'000, &produced), [&](Element&& e) {
    ++consumed;
    return e.line == 100 ? Status::InvalidArgument("consumer refused line 100") : Status::OK();
  });
  EXPECT_EQ(s.message(), "consumer refused line 100");
  EXPECT_EQ(consumed, 100);
  // Stopped: it ran at most a few batches ahead, not to the end of its input.
  EXPECT_LT(produced.load(), 100'000);
}

TEST(ReadAheadTest, EmptyInput) {
  int consumed = 0;
  Status s = ReadAhead(CountingReader(0), [&](Element&&) {
    ++consumed;
    return Status::OK();
  });
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(consumed, 0);
}

}  // namespace
}  // namespace dyad::storage
