#include "storage/keys.h"

#include "graph/codec.h"

namespace dyad::storage {

std::string NodeKey(uint64_t id) {
  std::string k;
  PutFixed64BE(id, &k);
  return k;
}

std::string EdgeKey(uint64_t id) { return NodeKey(id); }

namespace {

// Writes v big-endian into out[0, bytes).
void StoreBE(uint64_t v, int bytes, char* out) {
  for (int i = 0; i < bytes; ++i) out[i] = static_cast<char>(v >> ((bytes - 1 - i) * 8));
}

}  // namespace

void EncodeAdjKey(uint64_t node, Direction dir, uint32_t type, uint64_t nbr, uint64_t edge, char* out) {
  StoreBE(node, 8, out);
  out[8] = static_cast<char>(dir);
  StoreBE(type, 4, out + 9);
  StoreBE(nbr, 8, out + 13);
  StoreBE(edge, 8, out + 21);
}

std::string AdjKey(uint64_t node, Direction dir, uint32_t type, uint64_t nbr, uint64_t edge) {
  std::string k(kAdjKeySize, '\0');
  EncodeAdjKey(node, dir, type, nbr, edge, k.data());
  return k;
}

std::string AdjPrefix(uint64_t node) { return NodeKey(node); }

std::string AdjPrefix(uint64_t node, Direction dir) {
  std::string k = NodeKey(node);
  k.push_back(static_cast<char>(dir));
  return k;
}

std::string AdjPrefix(uint64_t node, Direction dir, uint32_t type) {
  std::string k = AdjPrefix(node, dir);
  PutFixed32BE(type, &k);
  return k;
}

std::string LabelKey(uint32_t label, uint64_t node) {
  std::string k = LabelPrefix(label);
  PutFixed64BE(node, &k);
  return k;
}

std::string LabelPrefix(uint32_t label) {
  std::string k;
  PutFixed32BE(label, &k);
  return k;
}

std::string PropIndexPrefix(uint32_t label, uint32_t key) {
  std::string k;
  SetPropIndexPrefix(label, key, &k);
  return k;
}

void SetPropIndexPrefix(uint32_t label, uint32_t key, std::string* out) {
  out->clear();
  PutFixed32BE(label, out);
  PutFixed32BE(key, out);
}

bool ParseAdjKey(std::string_view key, AdjEntry* out) {
  if (key.size() != kAdjKeySize) return false;
  const char* p = key.data();
  out->node = DecodeFixed64BE(p);
  out->dir = static_cast<Direction>(p[8]);
  out->type = DecodeFixed32BE(p + 9);
  out->nbr = DecodeFixed64BE(p + 13);
  out->edge = DecodeFixed64BE(p + 21);
  return out->dir == Direction::kOut || out->dir == Direction::kIn;
}

uint64_t TrailingId(std::string_view key) { return DecodeFixed64BE(key.data() + key.size() - 8); }

std::string DictNameKey(NameKind kind, std::string_view name) {
  std::string k(1, static_cast<char>(kind));
  k.push_back('n');
  k.append(name);
  return k;
}

std::string DictIdKey(NameKind kind, uint32_t id) {
  std::string k(1, static_cast<char>(kind));
  k.push_back('i');
  PutFixed32BE(id, &k);
  return k;
}

}  // namespace dyad::storage
