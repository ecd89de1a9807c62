#include "app/Translation.h"

#include <QCoreApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <memory>

namespace mlwb {

namespace {

// Owned here so that a second call can replace the first one's translators.
std::unique_ptr<QTranslator> g_appTranslator;
std::unique_ptr<QTranslator> g_qtTranslator;

} // namespace

QString translationResource(const QString &code)
{
    return QStringLiteral(":/i18n/mlwb_%1.qm").arg(code);
}

QString resolveLanguage(const QString &preference)
{
    if (!preference.isEmpty())
        return preference;
    // The first UI language of the system that mlwb ships (English needs no catalogue).
    for (const QString &name : QLocale::system().uiLanguages()) {
        const QString code = name.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0).toLower();
        if (code == u"en" || QFile::exists(translationResource(code)))
            return code;
    }
    return QStringLiteral("en");
}

QString installTranslators(const QString &preference)
{
    for (auto *translator : {&g_appTranslator, &g_qtTranslator}) {
        if (*translator) {
            QCoreApplication::removeTranslator(translator->get());
            translator->reset();
        }
    }
    const QString code = resolveLanguage(preference);
    if (code == u"en")
        return code;
    auto app = std::make_unique<QTranslator>();
    if (!app->load(translationResource(code)))
        return QStringLiteral("en");
    QCoreApplication::installTranslator(app.get());
    g_appTranslator = std::move(app);
    // Qt's own strings (dialog buttons) where the system has Qt's catalogues installed.
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QStringLiteral("qtbase_") + code, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        g_qtTranslator = std::move(qt);
    }
    return code;
}

} // namespace mlwb
