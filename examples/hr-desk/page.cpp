#include "page.hpp"

#include "language.hpp"

namespace nes::hr_desk {

namespace {

// Readable without any external resource: the system's fonts, a few rules.
constexpr std::string_view style = R"css(
body { font-family: sans-serif; margin: 2em auto; max-width: 72em; color: #1a1a1a; }
header { border-bottom: 2px solid #8b0000; margin-bottom: 1em; padding-bottom: .5em; }
nav a { margin-right: 1.2em; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #999; padding: .3em .6em; text-align: left; vertical-align: top; }
th { background: #eee; }
.ok { color: #185c18; } .refused { color: #8b0000; } .note { color: #555; }
pre { background: #f6f6f6; border: 1px solid #ccc; padding: 1em; white-space: pre-wrap; }
input[type=text], input[type=password] { min-width: 14em; }
label { display: inline-block; min-width: 14em; }
)css";

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string link(const PageContext& c, std::string_view path, std::string_view lang) {
  return std::string(path) + "?t=" + c.token + "&amp;lang=" + std::string(lang.empty() ? c.lang : lang);
}

std::string hidden_inputs(const PageContext& c) {
  return R"(<input type="hidden" name="t" value=")" + escape(c.token) +
         R"("><input type="hidden" name="lang" value=")" + escape(c.lang) + R"(">)";
}

std::string page(const PageContext& c, std::string_view path, std::string_view title, const std::string& body) {
  const bool tr = c.lang == "tr";
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + std::string(tr ? "tr" : "en") +
                    "\"><head><meta charset=\"utf-8\"><title>" + escape(title) + " — " +
                    std::string(cli::say("İK Masası", "HR desk")) + "</title><style>" + std::string(style) +
                    "</style></head><body><header><h1>" + escape(cli::say("NES İK Masası", "NES HR desk")) + "</h1>";
  if (c.logged_in) {
    out += "<p>" + escape(cli::say("Kurum yetkilisi: ", "Authorised officer: ")) + escape(c.officer) + "</p><nav>" +
           "<a href=\"" + link(c, "/upload") + "\">" +
           escape(cli::say("Personel listesi gönder", "Send the staff list")) + "</a><a href=\"" +
           link(c, "/applications") + "\">" + escape(cli::say("İstekler ve başvurular", "Requests and applications")) +
           "</a><a href=\"" + link(c, "/list") + "\">" +
           escape(cli::say("Listeyi kontrol et ve imzala", "Check and sign the list")) + "</a>";
  } else {
    out += "<nav>";
  }
  out += "<a href=\"" + link(c, path, tr ? "en" : "tr") + "\" lang=\"" + (tr ? "en" : "tr") + "\">" +
         (tr ? "English" : "Türkçe") + "</a></nav></header><main><h2>" + escape(title) + "</h2>" + body +
         "</main></body></html>\n";
  return out;
}

}  // namespace nes::hr_desk
