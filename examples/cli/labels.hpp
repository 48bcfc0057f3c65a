#pragma once
// The journal's steps as a person reads them, in both languages.

#include <nes/journal.hpp>
#include <nes/messages.hpp>

namespace nes::cli {

inline Message step_label(JournalStep step) noexcept {
  switch (step) {
    case JournalStep::started:
      return {"başlatıldı, henüz gönderilmedi", "started, not sent yet"};
    case JournalStep::submitting:
      return {"gönderiliyordu (portala ulaşmış olabilir)", "being submitted (it may have reached the portal)"};
    case JournalStep::submitted:
      return {"gönderildi, SMS kodu bekleniyor", "submitted, the SMS code is due"};
    case JournalStep::verified:
      return {"SMS kodu doğrulandı, onay bekleniyor", "SMS code verified, approval is next"};
    case JournalStep::approving:
      return {"onaylanıyordu (portala ulaşmış olabilir)", "being approved (it may have reached the portal)"};
    case JournalStep::finished:
      return {"tamamlandı", "finished"};
  }
  return {"?", "?"};
}

}  // namespace nes::cli
