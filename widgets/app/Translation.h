#pragma once
#include <QString>

namespace mlwb {

// The languages the GUI ships, besides English (the language of the source strings).
// The compiled catalogues live in the binary as :/i18n/mlwb_<code>.qm.
QString translationResource(const QString &code);

// The language to use for a preference: "" follows the system locale.
QString resolveLanguage(const QString &preference);

// Loads mlwb's catalogue (and Qt's own, where installed) for `preference` and installs it
// into the running application, replacing what an earlier call installed. Returns the
// language code now in effect ("en" when no catalogue fits, which needs none).
QString installTranslators(const QString &preference);

} // namespace mlwb
