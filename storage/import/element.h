// Element: one node or edge read from an import file, before it is stored.
#pragma once

#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "graph/status.h"
#include "storage/transaction.h"

namespace dyad::storage {

// A node or an edge as an import file states it, with its source line.
struct Element {
  bool is_node = true;
  std::string key;                  // node: its key
  std::vector<std::string> labels;  // node: its labels
  std::string type, from, to;       // edge: type and endpoint keys
  NamedProps props;
  int line = 0;
};

// Receives elements as a reader produces them; a non-ok status stops reading.
using ElementSink = std::function<Status(Element&&)>;

// Reports how many bytes of the current file have been read (progress).
using ProgressFn = std::function<void(uint64_t bytes_read)>;

// Reads a JSON graph file ({"nodes": [...], "edges": [...]}) element by
// element without holding the whole file in memory.
Status ReadJsonFile(const std::string& path, const ElementSink& sink, const ProgressFn& progress);
// Reads a JSON Lines file: one node or edge object per line.
Status ReadJsonLinesFile(const std::string& path, const ElementSink& sink, const ProgressFn& progress);
// Reads a neo4j-admin style CSV node or relationship file.
Status ReadCsvFile(const std::string& path, const ElementSink& sink, const ProgressFn& progress);
// The JSON Lines and CSV readers over any stream (the fuzzers feed bytes
// from memory); name is used in error messages.
Status ReadJsonLinesStream(const std::string& name, std::istream& in, const ElementSink& sink,
                           const ProgressFn& progress);
Status ReadCsvStream(const std::string& name, std::istream& in, const ElementSink& sink, const ProgressFn& progress);
// Reads JSON graph text held in memory (the embedded fixtures); name is
// used in error messages.
Status ReadJsonText(const std::string& name, const std::string& text, const ElementSink& sink);

}  // namespace dyad::storage
