// Throughput of the validators on one core. The targets are printed
// as each benchmark's label; scripts/bench runs this on a release build.

#include <nes/nes.hpp>

#include <benchmark/benchmark.h>

#include <array>
#include <string>
#include <vector>

namespace {

// A mix of valid and invalid numbers, so that no branch predictor learns a
// single answer.
const std::array<std::string, 8> tckns = {"10000000146", "62601815964", "18301661332", "28609139020",
                                          "10000000145", "01000000146", "1000000014a", "70308246202"};

void tckn_is_valid(benchmark::State& state) {
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(nes::Tckn::is_valid(tckns[i++ & 7U]));
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("target >= 10,000,000/s");
}
BENCHMARK(tckn_is_valid);

void tckn_parse(benchmark::State& state) {
  std::size_t i = 0;
  for (auto _ : state) {
    auto parsed = nes::Tckn::parse(tckns[i++ & 7U]);
    benchmark::DoNotOptimize(parsed);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(tckn_parse);

nes::Institution yok() {
  nes::Institution inst;
  inst.id = "yok-akademik";
  inst.name = "T.C. Yükseköğretim Kurulu (Akademik Personel)";
  inst.rules = {.required_fields = {"institution.unit", "institution.work_phone"},
                .validity_years = {1, 2, 3},
                .card_reader_offered = true};
  return inst;
}

// A realistic form as an applicant types it: Turkish letters, spaces to
// fold, phones in local spelling, a province in capitals.
nes::ApplicationForm typed_form() {
  nes::ApplicationForm form;
  form.certificate = {.validity_years = 3, .card_reader = true, .publish_online = false};
  form.identity.tckn.assign("62601815964");
  form.identity.first_name = "Ayşe  Gül";
  form.identity.last_name = "Şahin-Öztürk";
  form.identity.mobile_phone = "0 (532) 123-45-67";
  form.identity.info_channel = nes::InfoChannel::email;
  form.identity.email = "ayse.sahin@Metu.Edu.TR";
  form.institution = {.id = "yok-akademik",
                      .unit = "Bilgisayar Mühendisliği Bölümü",
                      .work_phone = "(0312) 210 20 00",
                      .extension = "1234"};
  form.delivery = {.address_type = nes::AddressType::work,
                   .address_line = "Üniversiteler Mah. Dumlupınar Blv. No: 1",
                   .district = "Çankaya",
                   .province = "ANKARA",
                   .postal_code = "06800"};
  return form;
}

void validate_full_form(benchmark::State& state) {
  const nes::Institution institution = yok();
  const nes::ApplicationForm form = typed_form();
  for (auto _ : state) {
    auto result = nes::validate_form(form, &institution);
    benchmark::DoNotOptimize(result);
  }
  if (!nes::validate_form(form, &institution).valid()) state.SkipWithError("the benchmark form is not valid");
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("target >= 500,000/s");
}
BENCHMARK(validate_full_form);

void validate_invalid_form(benchmark::State& state) {
  const nes::Institution institution = yok();
  nes::ApplicationForm form = typed_form();
  form.identity.tckn.assign("62601815965");
  form.identity.mobile_phone = "0312 210 20 00";
  form.delivery.postal_code = "34000";
  for (auto _ : state) {
    auto result = nes::validate_form(form, &institution);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(validate_invalid_form);

void check_form_json(benchmark::State& state) {
  const std::vector<nes::Institution> catalogue = {yok()};
  const nes::SecretString document = nes::encode_form_json(typed_form());
  for (auto _ : state) {
    auto result = nes::check_form_json(document.reveal(), catalogue);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(check_form_json);

// HR prefill: rows per second of a 10,000-row export (CSV reading, each row
// decoded and validated as a form), with the demo catalogue's rules.
std::string valid_tckn(int serial) {
  std::string d = std::to_string(serial);
  auto at = [&](std::size_t k) { return d[k] - '0'; };
  const int d10 = (((at(0) + at(2) + at(4) + at(6) + at(8)) * 7 - (at(1) + at(3) + at(5) + at(7))) % 10 + 10) % 10;
  d += static_cast<char>('0' + d10);
  int sum = 0;
  for (std::size_t k = 0; k < 10; ++k) sum += at(k);
  return d + static_cast<char>('0' + sum % 10);
}

void prefill_rows(benchmark::State& state) {
  std::string csv =
      "tckn,first_name,last_name,mobile_phone,unit,work_phone,address_type,address_line,district,province,"
      "postal_code,validity_years\n";
  for (int i = 0; i < 10000; ++i) {
    csv += valid_tckn(100000000 + i) +
           ",Çağrı,Öztürk-Işıl,0532 123 45 67,\"Fizik Bölümü, Araştırma\",(0312) 210 20 00,work,"
           "Üniversiteler Mah. No: 1,Çankaya,Ankara,06800,3\n";
  }
  const std::vector<nes::Institution> catalogue = {yok()};
  for (auto _ : state) {
    auto result = nes::prefill_forms(csv, "yok-akademik", catalogue);
    if (result.valid() != 10000) state.SkipWithError("a row was not valid");
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations() * 10000);
  state.SetLabel("rows");
}
BENCHMARK(prefill_rows)->Unit(benchmark::kMillisecond);

}  // namespace
