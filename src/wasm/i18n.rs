//! Every word the badge shows, in English, German, Spanish and French. Pure Rust.
//!
//! The locale comes from the element's `lang` (or the nearest `lang` in the page); dates are
//! formatted by `Intl` in the same locale. Check messages from the core are English; the
//! reasons people see most often are translated here by their stable code.

/// A supported locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Locale {
    En,
    De,
    Es,
    Fr,
}

impl Locale {
    /// The locale for a BCP 47 tag (`de-CH` → German); English when unsupported or absent.
    pub(crate) fn pick(lang: Option<&str>) -> Locale {
        let primary = lang.unwrap_or("").split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "de" => Locale::De,
            "es" => Locale::Es,
            "fr" => Locale::Fr,
            _ => Locale::En,
        }
    }

    /// The words of this locale.
    pub(crate) fn words(self) -> &'static Words {
        match self {
            Locale::En => &EN,
            Locale::De => &DE,
            Locale::Es => &ES,
            Locale::Fr => &FR,
        }
    }
}

/// The UI strings of one locale.
#[derive(Debug)]
pub(crate) struct Words {
    pub(crate) verifying: &'static str,
    pub(crate) idle: &'static str,
    pub(crate) verify: &'static str,
    pub(crate) verified: &'static str,
    pub(crate) invalid: &'static str,
    pub(crate) expired: &'static str,
    pub(crate) revoked: &'static str,
    pub(crate) suspended: &'static str,
    pub(crate) status_unknown: &'static str,
    pub(crate) untrusted: &'static str,
    pub(crate) indeterminate: &'static str,
    pub(crate) issued_by: &'static str,
    pub(crate) issued: &'static str,
    pub(crate) expires: &'static str,
    pub(crate) expired_on: &'static str,
    pub(crate) untitled: &'static str,
    pub(crate) unreadable: &'static str,
    pub(crate) details: &'static str,
    pub(crate) details_of: &'static str,
    pub(crate) close: &'static str,
    pub(crate) description: &'static str,
    pub(crate) criteria: &'static str,
    pub(crate) skills: &'static str,
    pub(crate) evidence: &'static str,
    pub(crate) issuer: &'static str,
    pub(crate) website: &'static str,
    pub(crate) identifier: &'static str,
    pub(crate) dates: &'static str,
    pub(crate) endorsements: &'static str,
    pub(crate) endorsed_by: &'static str,
    pub(crate) checks: &'static str,
    pub(crate) passed: &'static str,
    pub(crate) failed: &'static str,
    pub(crate) unknown: &'static str,
    pub(crate) skipped: &'static str,
    pub(crate) verify_again: &'static str,
    pub(crate) download: &'static str,
    pub(crate) is_this_yours: &'static str,
    pub(crate) your_email: &'static str,
    pub(crate) check: &'static str,
    pub(crate) email_stays_here: &'static str,
    pub(crate) recipient_match: &'static str,
    pub(crate) recipient_mismatch: &'static str,
    pub(crate) recipient_no_identifier: &'static str,
    pub(crate) recipient_unsupported: &'static str,
    pub(crate) recipient_unreadable: &'static str,
    pub(crate) reason_signature: &'static str,
    pub(crate) reason_revoked: &'static str,
    pub(crate) reason_suspended: &'static str,
    pub(crate) reason_status_unreachable: &'static str,
    pub(crate) reason_untrusted: &'static str,
    pub(crate) reason_issuer_mismatch: &'static str,
    pub(crate) reason_unavailable: &'static str,
    pub(crate) reason_generic: &'static str,
    pub(crate) reason_unchecked: &'static str,
}

impl Words {
    /// A translated reason for a check code, when there is one; `None` keeps the core's message.
    pub(crate) fn reason(&self, code: &str) -> Option<&'static str> {
        Some(match code {
            "proof.signature_invalid" => self.reason_signature,
            "status.revoked" => self.reason_revoked,
            "status.suspended" => self.reason_suspended,
            "status.unreachable" => self.reason_status_unreachable,
            "trust.not_listed" => self.reason_untrusted,
            "issuer.mismatch" => self.reason_issuer_mismatch,
            "input.unavailable" => self.reason_unavailable,
            _ => return None,
        })
    }
}

pub(crate) static EN: Words = Words {
    verifying: "Verifying…",
    idle: "Not verified yet",
    verify: "Verify",
    verified: "Verified",
    invalid: "Not valid",
    expired: "Expired",
    revoked: "Revoked",
    suspended: "Suspended",
    status_unknown: "Status unknown",
    untrusted: "Issuer not trusted",
    indeterminate: "Could not be fully checked",
    issued_by: "Issued by ",
    issued: "Issued ",
    expires: "Expires ",
    expired_on: "Expired on ",
    untitled: "Untitled credential",
    unreadable: "Unreadable credential",
    details: "Details",
    details_of: "Details of the badge",
    close: "Close",
    description: "Description",
    criteria: "How it is earned",
    skills: "Skills and alignments",
    evidence: "Evidence",
    issuer: "Issuer",
    website: "Website",
    identifier: "Identifier",
    dates: "Dates",
    endorsements: "Endorsements",
    endorsed_by: "Endorsed by ",
    checks: "Checks",
    passed: "Passed",
    failed: "Failed",
    unknown: "Unknown",
    skipped: "Skipped",
    verify_again: "Verify again",
    download: "Download the credential",
    is_this_yours: "Is this yours?",
    your_email: "Your email address",
    check: "Check",
    email_stays_here: "Compared in this page only; your address is never sent anywhere.",
    recipient_match: "Yes: this badge was issued to this address.",
    recipient_mismatch: "No: this badge was not issued to this address.",
    recipient_no_identifier: "This badge does not name an email address to compare with.",
    recipient_unsupported: "This badge stores the address in a form that cannot be compared.",
    recipient_unreadable: "The badge could not be read.",
    reason_signature: "The signature does not match the credential and the issuer's key.",
    reason_revoked: "The issuer has revoked this credential.",
    reason_suspended: "The issuer has suspended this credential.",
    reason_status_unreachable: "Whether it was revoked could not be checked.",
    reason_untrusted: "The issuer is not on this page's list of trusted issuers.",
    reason_issuer_mismatch: "The signing key does not belong to the issuer.",
    reason_unavailable: "The badge could not be loaded.",
    reason_generic: "A check failed.",
    reason_unchecked: "Nothing could be checked.",
};

pub(crate) static DE: Words = Words {
    verifying: "Wird geprüft…",
    idle: "Noch nicht geprüft",
    verify: "Prüfen",
    verified: "Verifiziert",
    invalid: "Ungültig",
    expired: "Abgelaufen",
    revoked: "Widerrufen",
    suspended: "Ausgesetzt",
    status_unknown: "Status unbekannt",
    untrusted: "Aussteller nicht vertrauenswürdig",
    indeterminate: "Nicht vollständig prüfbar",
    issued_by: "Ausgestellt von ",
    issued: "Ausgestellt am ",
    expires: "Gültig bis ",
    expired_on: "Abgelaufen am ",
    untitled: "Nachweis ohne Titel",
    unreadable: "Unlesbarer Nachweis",
    details: "Details",
    details_of: "Details des Abzeichens",
    close: "Schließen",
    description: "Beschreibung",
    criteria: "Kriterien",
    skills: "Kompetenzen und Zuordnungen",
    evidence: "Nachweise",
    issuer: "Aussteller",
    website: "Website",
    identifier: "Kennung",
    dates: "Daten",
    endorsements: "Empfehlungen",
    endorsed_by: "Empfohlen von ",
    checks: "Prüfungen",
    passed: "Bestanden",
    failed: "Fehlgeschlagen",
    unknown: "Unbekannt",
    skipped: "Übersprungen",
    verify_again: "Erneut prüfen",
    download: "Nachweis herunterladen",
    is_this_yours: "Gehört das Ihnen?",
    your_email: "Ihre E-Mail-Adresse",
    check: "Prüfen",
    email_stays_here: "Der Vergleich findet nur auf dieser Seite statt; Ihre Adresse wird nirgendwohin gesendet.",
    recipient_match: "Ja: Dieses Abzeichen wurde für diese Adresse ausgestellt.",
    recipient_mismatch: "Nein: Dieses Abzeichen wurde nicht für diese Adresse ausgestellt.",
    recipient_no_identifier: "Dieses Abzeichen nennt keine E-Mail-Adresse zum Vergleichen.",
    recipient_unsupported: "Dieses Abzeichen speichert die Adresse in einer nicht vergleichbaren Form.",
    recipient_unreadable: "Das Abzeichen konnte nicht gelesen werden.",
    reason_signature: "Die Signatur passt nicht zum Nachweis und zum Schlüssel des Ausstellers.",
    reason_revoked: "Der Aussteller hat diesen Nachweis widerrufen.",
    reason_suspended: "Der Aussteller hat diesen Nachweis ausgesetzt.",
    reason_status_unreachable: "Ob er widerrufen wurde, konnte nicht geprüft werden.",
    reason_untrusted: "Der Aussteller steht nicht auf der Liste vertrauenswürdiger Aussteller dieser Seite.",
    reason_issuer_mismatch: "Der Signaturschlüssel gehört nicht dem Aussteller.",
    reason_unavailable: "Das Abzeichen konnte nicht geladen werden.",
    reason_generic: "Eine Prüfung ist fehlgeschlagen.",
    reason_unchecked: "Nichts konnte geprüft werden.",
};

pub(crate) static ES: Words = Words {
    verifying: "Verificando…",
    idle: "Aún sin verificar",
    verify: "Verificar",
    verified: "Verificada",
    invalid: "No válida",
    expired: "Caducada",
    revoked: "Revocada",
    suspended: "Suspendida",
    status_unknown: "Estado desconocido",
    untrusted: "Emisor no confiable",
    indeterminate: "No se pudo comprobar del todo",
    issued_by: "Emitida por ",
    issued: "Emitida el ",
    expires: "Caduca el ",
    expired_on: "Caducó el ",
    untitled: "Credencial sin título",
    unreadable: "Credencial ilegible",
    details: "Detalles",
    details_of: "Detalles de la insignia",
    close: "Cerrar",
    description: "Descripción",
    criteria: "Cómo se obtiene",
    skills: "Competencias y alineaciones",
    evidence: "Evidencias",
    issuer: "Emisor",
    website: "Sitio web",
    identifier: "Identificador",
    dates: "Fechas",
    endorsements: "Respaldos",
    endorsed_by: "Respaldada por ",
    checks: "Comprobaciones",
    passed: "Correcta",
    failed: "Fallida",
    unknown: "Desconocida",
    skipped: "Omitida",
    verify_again: "Verificar de nuevo",
    download: "Descargar la credencial",
    is_this_yours: "¿Es tuya?",
    your_email: "Tu correo electrónico",
    check: "Comprobar",
    email_stays_here: "Se compara solo en esta página; tu dirección nunca se envía a ningún sitio.",
    recipient_match: "Sí: esta insignia se emitió a esta dirección.",
    recipient_mismatch: "No: esta insignia no se emitió a esta dirección.",
    recipient_no_identifier: "Esta insignia no indica un correo con el que comparar.",
    recipient_unsupported: "Esta insignia guarda la dirección de una forma que no se puede comparar.",
    recipient_unreadable: "No se pudo leer la insignia.",
    reason_signature: "La firma no coincide con la credencial y la clave del emisor.",
    reason_revoked: "El emisor ha revocado esta credencial.",
    reason_suspended: "El emisor ha suspendido esta credencial.",
    reason_status_unreachable: "No se pudo comprobar si fue revocada.",
    reason_untrusted: "El emisor no está en la lista de emisores de confianza de esta página.",
    reason_issuer_mismatch: "La clave de firma no pertenece al emisor.",
    reason_unavailable: "No se pudo cargar la insignia.",
    reason_generic: "Una comprobación ha fallado.",
    reason_unchecked: "No se pudo comprobar nada.",
};

pub(crate) static FR: Words = Words {
    verifying: "Vérification…",
    idle: "Pas encore vérifié",
    verify: "Vérifier",
    verified: "Vérifié",
    invalid: "Non valide",
    expired: "Expiré",
    revoked: "Révoqué",
    suspended: "Suspendu",
    status_unknown: "Statut inconnu",
    untrusted: "Émetteur non reconnu",
    indeterminate: "Vérification incomplète",
    issued_by: "Délivré par ",
    issued: "Délivré le ",
    expires: "Expire le ",
    expired_on: "Expiré le ",
    untitled: "Attestation sans titre",
    unreadable: "Attestation illisible",
    details: "Détails",
    details_of: "Détails du badge",
    close: "Fermer",
    description: "Description",
    criteria: "Critères d’obtention",
    skills: "Compétences et référentiels",
    evidence: "Preuves",
    issuer: "Émetteur",
    website: "Site web",
    identifier: "Identifiant",
    dates: "Dates",
    endorsements: "Recommandations",
    endorsed_by: "Recommandé par ",
    checks: "Contrôles",
    passed: "Réussi",
    failed: "Échoué",
    unknown: "Inconnu",
    skipped: "Ignoré",
    verify_again: "Vérifier à nouveau",
    download: "Télécharger l’attestation",
    is_this_yours: "Est-ce le vôtre ?",
    your_email: "Votre adresse e-mail",
    check: "Comparer",
    email_stays_here: "La comparaison se fait dans cette page ; votre adresse n’est jamais envoyée.",
    recipient_match: "Oui : ce badge a été délivré à cette adresse.",
    recipient_mismatch: "Non : ce badge n’a pas été délivré à cette adresse.",
    recipient_no_identifier: "Ce badge n’indique aucune adresse e-mail à comparer.",
    recipient_unsupported: "Ce badge conserve l’adresse sous une forme non comparable.",
    recipient_unreadable: "Le badge n’a pas pu être lu.",
    reason_signature: "La signature ne correspond pas à l’attestation et à la clé de l’émetteur.",
    reason_revoked: "L’émetteur a révoqué cette attestation.",
    reason_suspended: "L’émetteur a suspendu cette attestation.",
    reason_status_unreachable: "Impossible de vérifier si elle a été révoquée.",
    reason_untrusted: "L’émetteur ne figure pas dans la liste des émetteurs reconnus par cette page.",
    reason_issuer_mismatch: "La clé de signature n’appartient pas à l’émetteur.",
    reason_unavailable: "Le badge n’a pas pu être chargé.",
    reason_generic: "Un contrôle a échoué.",
    reason_unchecked: "Rien n’a pu être vérifié.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_primary_subtag() {
        assert_eq!(Locale::pick(Some("de-CH")), Locale::De);
        assert_eq!(Locale::pick(Some("ES")), Locale::Es);
        assert_eq!(Locale::pick(Some("fr_CA")), Locale::Fr);
        assert_eq!(Locale::pick(Some("ja")), Locale::En);
        assert_eq!(Locale::pick(None), Locale::En);
    }

    #[test]
    fn every_locale_has_every_word() {
        for words in [&EN, &DE, &ES, &FR] {
            let debug = format!("{words:?}");
            assert!(!debug.contains(": \"\""), "an empty string in {debug}");
            assert!(words.reason("status.revoked").is_some());
            assert!(words.reason("proof.other").is_none());
        }
    }
}
