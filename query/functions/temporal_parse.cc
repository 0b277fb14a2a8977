// ISO 8601 parsing of dates, datetimes and durations (Neo4j's formats).
#include <cctype>
#include <optional>
#include <string>

#include "query/functions/temporal_util.h"

namespace dyad::query::temporal {

namespace {

// A cursor over the text being parsed.
struct Scanner {
  std::string_view s;
  size_t i = 0;

  bool AtEnd() const { return i >= s.size(); }
  char Peek(size_t ahead = 0) const { return i + ahead < s.size() ? s[i + ahead] : '\0'; }
  bool Eat(char c) {
    if (Peek() != c) return false;
    ++i;
    return true;
  }
  bool EatAnyCase(char c) {
    if (std::toupper(static_cast<unsigned char>(Peek())) != c) return false;
    ++i;
    return true;
  }
  // Number of digits starting at the cursor.
  size_t Digits() const {
    size_t n = 0;
    while (i + n < s.size() && std::isdigit(static_cast<unsigned char>(s[i + n]))) ++n;
    return n;
  }
  // Reads exactly n digits.
  bool Int(size_t n, int64_t* v) {
    if (Digits() < n) return false;
    *v = 0;
    for (size_t k = 0; k < n; ++k) *v = *v * 10 + (s[i++] - '0');
    return true;
  }
};

Status Bad(std::string_view what, std::string_view text) {
  return Status::ArgumentError("cannot parse '" + std::string(text) + "' as a " + std::string(what));
}

// Parses the date part at the cursor (see ParseDate).
Status ScanDate(Scanner* sc, std::string_view text, int64_t* days) {
  int64_t year = 0, sign = 1;
  if (sc->Peek() == '+' || sc->Peek() == '-') {
    sign = sc->Peek() == '-' ? -1 : 1;
    ++sc->i;
    size_t n = sc->Digits();
    if (n < 1 || n > 9 || !sc->Int(n, &year)) return Bad("date", text);
    year *= sign;
  } else if (!sc->Int(4, &year)) {
    return Bad("date", text);
  }
  auto at_end = [&] { return sc->AtEnd() || sc->Peek() == 'T' || sc->Peek() == 't'; };
  int64_t month = 1, day = 1;
  bool dash = sc->Peek() == '-';
  char after = sc->Peek(dash ? 1 : 0);
  if (at_end()) {
  } else if (after == 'W' || after == 'w') {
    int64_t week, dow = 1;
    sc->i += dash ? 2 : 1;
    if (!sc->Int(2, &week)) return Bad("date", text);
    if (!at_end()) {
      sc->Eat('-');
      if (!sc->Int(1, &dow)) return Bad("date", text);
    }
    if (year < kMinYear || year > kMaxYear || week < 1 || week > WeeksInWeekYear(year) || dow < 1 || dow > 7) {
      return Bad("date", text);
    }
    *days = WeekYearStart(year) + (week - 1) * 7 + (dow - 1);
    return at_end() ? Status::OK() : Bad("date", text);
  } else {
    if (dash) ++sc->i;
    size_t n = sc->Digits();
    if (n == 3 && (sc->i + 3 == sc->s.size() || sc->Peek(3) == 'T' || sc->Peek(3) == 't')) {
      int64_t ordinal = 0;
      sc->Int(3, &ordinal);
      if (year < kMinYear || year > kMaxYear || ordinal < 1 || ordinal > (IsLeap(year) ? 366 : 365)) {
        return Bad("date", text);
      }
      *days = CivilToDays(year, 1, 1) + ordinal - 1;
      return Status::OK();
    }
    if (dash) {
      if (n < 1 || n > 2 || !sc->Int(n, &month)) return Bad("date", text);
      if (sc->Eat('-')) {
        n = sc->Digits();
        if (n < 1 || n > 2 || !sc->Int(n, &day)) return Bad("date", text);
      }
    } else if (n == 2 || n == 4) {
      sc->Int(2, &month);
      if (n == 4) sc->Int(2, &day);
    } else {
      return Bad("date", text);
    }
  }
  if (!at_end() || !ValidCivil(year, month, day)) return Bad("date", text);
  *days = CivilToDays(year, month, day);
  return Status::OK();
}

// Parses [.,]digits{1,9} into nanoseconds (nothing there: 0).
bool ScanFraction(Scanner* sc, int64_t* nanos) {
  *nanos = 0;
  if (sc->Peek() != '.' && sc->Peek() != ',') return true;
  ++sc->i;
  size_t n = sc->Digits();
  if (n < 1 || n > 9) return false;
  sc->Int(n, nanos);
  for (size_t k = n; k < 9; ++k) *nanos *= 10;
  return true;
}

// Parses a time of day: 21, 2140, 21:40, 214032.142, 21:40:32.142.
bool ScanTime(Scanner* sc, int64_t* tod) {
  int64_t h = 0, m = 0, s = 0, nanos = 0;
  if (!sc->Int(2, &h)) return false;
  if (sc->Eat(':')) {
    if (!sc->Int(2, &m)) return false;
    if (sc->Eat(':')) {
      if (!sc->Int(2, &s) || !ScanFraction(sc, &nanos)) return false;
    }
  } else if (sc->Digits() >= 2) {
    sc->Int(2, &m);
    if (sc->Digits() >= 2) {
      sc->Int(2, &s);
      if (!ScanFraction(sc, &nanos)) return false;
    }
  }
  if (h > 23 || m > 59 || s > 59) return false;
  *tod = (h * 3600 + m * 60 + s) * kNanosPerSecond + nanos;
  return true;
}

}  // namespace

Status ParseDate(std::string_view text, int64_t* days) {
  Scanner sc{text};
  DYAD_RETURN_IF_ERROR(ScanDate(&sc, text, days));
  return sc.AtEnd() ? Status::OK() : Bad("date", text);
}

Status ParseDateTime(std::string_view text, DateTime* out) {
  Scanner sc{text};
  LocalDateTime local;
  DYAD_RETURN_IF_ERROR(ScanDate(&sc, text, &local.days));
  if (sc.EatAnyCase('T') && !ScanTime(&sc, &local.tod)) return Bad("datetime", text);
  // The offset, then an optional [Region/City].
  bool has_offset = false;
  Zone offset_zone, zone;
  size_t bracket = text.find('[', sc.i);
  std::string_view offset_text = text.substr(sc.i, bracket == std::string_view::npos ? std::string_view::npos : bracket - sc.i);
  if (!offset_text.empty()) {
    if (!ParseZone(offset_text, &offset_zone).ok() || offset_zone.named) return Bad("datetime", text);
    has_offset = true;
    zone = offset_zone;
  }
  if (bracket != std::string_view::npos) {
    if (text.back() != ']') return Bad("datetime", text);
    DYAD_RETURN_IF_ERROR(ParseZone(text.substr(bracket + 1, text.size() - bracket - 2), &zone));
  }
  if (has_offset && zone.named) {
    // Keep the written offset when it is valid at that time (an overlap).
    if (FromLocal(local, offset_zone.fixed, out) &&
        OffsetAt(zone, out->seconds) == offset_zone.fixed) {
      out->zone = InternZone(zone.name);
      return Status::OK();
    }
  }
  if (!FromLocalInZone(local, zone, out)) return Bad("datetime", text);
  return Status::OK();
}

Status ParseLocalDateTime(std::string_view text, LocalDateTime* out) {
  Scanner sc{text};
  *out = LocalDateTime{};
  DYAD_RETURN_IF_ERROR(ScanDate(&sc, text, &out->days));
  if (sc.EatAnyCase('T') && !ScanTime(&sc, &out->tod)) return Bad("localdatetime", text);
  return sc.AtEnd() ? Status::OK() : Bad("localdatetime", text);
}

Status ParseTime(std::string_view text, int64_t* tod, std::optional<Zone>* zone) {
  Scanner sc{text};
  sc.EatAnyCase('T');
  if (!ScanTime(&sc, tod)) return Bad("time", text);
  zone->reset();
  if (sc.AtEnd()) return Status::OK();
  std::string_view rest = text.substr(sc.i);
  size_t bracket = rest.find('[');
  Zone z;
  if (bracket != std::string_view::npos) {
    if (rest.back() != ']') return Bad("time", text);
    DYAD_RETURN_IF_ERROR(ParseZone(rest.substr(bracket + 1, rest.size() - bracket - 2), &z));
    rest = rest.substr(0, bracket);
  }
  if (!rest.empty() && (!ParseZone(rest, &z).ok() || z.named)) return Bad("time", text);
  *zone = z;
  return Status::OK();
}

namespace {

// One component of a unit-based duration: a signed number and whether it
// has a fraction.
struct Component {
  bool present = false;
  bool fraction = false;
  int64_t whole = 0;
  double value = 0;
  int64_t nanos = 0;  // seconds only: the fraction in nanoseconds
  bool negative = false;
};

// Reads [+-]digits([.,]digits)? followed by unit (case-insensitive) into
// *out; leaves the cursor and *out alone when the text is not one.
bool ScanComponent(Scanner* sc, char unit, bool seconds, Component* out) {
  Scanner s = *sc;
  Component c;
  c.negative = s.Peek() == '-';
  if (s.Peek() == '+' || s.Peek() == '-') ++s.i;
  size_t n = s.Digits();
  if (n == 0 || n > 18) return false;
  std::string number(s.s.substr(s.i, n));
  s.Int(n, &c.whole);
  if (s.Peek() == '.' || s.Peek() == ',') {
    ++s.i;
    size_t fd = s.Digits();
    if (fd == 0 || (seconds && fd > 9)) return false;
    number += "." + std::string(s.s.substr(s.i, fd));
    if (seconds) {
      s.Int(fd, &c.nanos);
      for (size_t k = fd; k < 9; ++k) c.nanos *= 10;
    } else {
      s.i += fd;
      c.fraction = true;
    }
  }
  if (!s.EatAnyCase(unit)) return false;
  c.present = true;
  c.value = std::stod(number) * (c.negative ? -1 : 1);
  if (c.negative) {
    c.whole = -c.whole;
    c.nanos = -c.nanos;
  }
  *out = c;
  sc->i = s.i;
  return true;
}

// PnYnMnWnDTnHnMnS.
Status ParseUnitDuration(Scanner* sc, int64_t sign, std::string_view text, Duration* out) {
  Component y, mo, w, d, h, mi, s;
  ScanComponent(sc, 'Y', false, &y);
  ScanComponent(sc, 'M', false, &mo);
  ScanComponent(sc, 'W', false, &w);
  ScanComponent(sc, 'D', false, &d);
  bool time = sc->EatAnyCase('T');
  if (time) {
    ScanComponent(sc, 'H', false, &h);
    ScanComponent(sc, 'M', false, &mi);
    ScanComponent(sc, 'S', true, &s);
    if (!h.present && !mi.present && !s.present) return Bad("duration", text);
  }
  Component* order[] = {&y, &mo, &w, &d, &h, &mi, &s};
  bool any = false, after_fraction = false;
  for (Component* c : order) {
    if (c->present && after_fraction) return Bad("duration", text);  // a fraction must come last
    any |= c->present;
    after_fraction |= c->fraction;
  }
  if (!any || !sc->AtEnd()) return Bad("duration", text);
  if (after_fraction) {
    double months = y.value * 12 + mo.value;
    double days = w.value * 7 + d.value;
    double seconds = h.value * 3600 + mi.value * 60;
    auto r = ApproximateDuration(sign * months, sign * days, sign * seconds, 0);
    if (!r.ok()) return r.status();
    *out = r.value();
    return Status::OK();
  }
  // Components have at most 18 digits, so these sums cannot overflow __int128.
  __int128 months = static_cast<__int128>(y.whole) * 12 + mo.whole;
  __int128 days = static_cast<__int128>(w.whole) * 7 + d.whole;
  __int128 seconds = static_cast<__int128>(h.whole) * 3600 + static_cast<__int128>(mi.whole) * 60 + s.whole;
  for (__int128 v : {months, days, seconds}) {
    if (v > INT64_MAX || v < -INT64_MAX) return Status(Status::Code::kArithmeticError, "duration out of range");
  }
  auto r = ExactDuration(static_cast<int64_t>(sign * months), static_cast<int64_t>(sign * days),
                         static_cast<int64_t>(sign * seconds), sign * s.nanos);
  if (!r.ok()) return r.status();
  *out = r.value();
  return Status::OK();
}

// PYYYY-MM-DDThh:mm:ss.sss or PYYYYMMDDThhmmss.sss (either part optional).
Status ParseDateDuration(Scanner* sc, int64_t sign, std::string_view text, Duration* out) {
  int64_t years = 0, months = 0, days = 0, h = 0, m = 0, s = 0, nanos = 0;
  bool date = false, time = false;
  if (sc->Digits() >= 4) {
    date = true;
    sc->Int(4, &years);
    bool dash = sc->Eat('-');
    if (!sc->Int(2, &months)) return Bad("duration", text);
    if (dash && !sc->Eat('-')) return Bad("duration", text);
    if (!sc->Int(2, &days)) return Bad("duration", text);
    if (months > 12 || days > 31) return Bad("duration", text);
  }
  if (sc->EatAnyCase('T')) {
    time = true;
    if (!sc->Int(2, &h)) return Bad("duration", text);
    bool colon = sc->Eat(':');
    if (sc->Int(2, &m)) {
      if ((!colon || sc->Eat(':')) && sc->Int(2, &s) && !ScanFraction(sc, &nanos)) return Bad("duration", text);
    }
    if (h > 24 || m > 60 || s > 60) return Bad("duration", text);
  }
  if ((!date && !time) || !sc->AtEnd()) return Bad("duration", text);
  auto r = ExactDuration(sign * (years * 12 + months), sign * days, sign * (h * 3600 + m * 60 + s), sign * nanos);
  if (!r.ok()) return r.status();
  *out = r.value();
  return Status::OK();
}

}  // namespace

Status ParseDuration(std::string_view text, Duration* out) {
  Scanner sc{text};
  int64_t sign = 1;
  if (sc.Peek() == '-' || sc.Peek() == '+') sign = sc.s[sc.i++] == '-' ? -1 : 1;
  if (!sc.EatAnyCase('P')) return Bad("duration", text);
  size_t start = sc.i;
  Status st = ParseUnitDuration(&sc, sign, text, out);
  if (st.ok() || st.code() == Status::Code::kArithmeticError) return st;
  sc.i = start;
  return ParseDateDuration(&sc, sign, text, out);
}

}  // namespace dyad::query::temporal
