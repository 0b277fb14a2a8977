// ExportSource: the nodes and relationships an export writes — every record
// of a snapshot, or the subgraph of a query result — read from one snapshot.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "graph/record.h"
#include "graph/status.h"
#include "query/result/query_result.h"
#include "storage/transaction.h"

namespace dyad::query {

// Iterates the records to export, in id order. Each pass reads the snapshot
// again, so a writer may make several passes without holding records.
class ExportSource {
 public:
  // The whole graph as txn sees it.
  explicit ExportSource(std::shared_ptr<storage::Transaction> txn) : txn_(std::move(txn)), whole_(true) {}
  // Only the given nodes and relationships (sorted, unique, endpoints of
  // every relationship included).
  ExportSource(std::shared_ptr<storage::Transaction> txn, std::vector<uint64_t> nodes, std::vector<uint64_t> edges)
      : txn_(std::move(txn)), whole_(false), nodes_(std::move(nodes)), edges_(std::move(edges)) {}

  // Calls fn for every node, by id; stops at fn's first error.
  Status ForEachNode(const std::function<Status(const NodeRecord&)>& fn) const;
  // Calls fn for every relationship, by id; stops at fn's first error.
  Status ForEachEdge(const std::function<Status(const EdgeRecord&)>& fn) const;
  // The snapshot records are read from.
  storage::Transaction* txn() const { return txn_.get(); }

 private:
  std::shared_ptr<storage::Transaction> txn_;
  bool whole_;
  std::vector<uint64_t> nodes_, edges_;
};

// The subgraph of query results: every node, relationship and path in the
// rows (lists and maps walked), plus the endpoints of each relationship.
// The source reads from the results' snapshot.
Status SubgraphOfResults(const std::vector<QueryResult>& results, std::unique_ptr<ExportSource>* out);

}  // namespace dyad::query
