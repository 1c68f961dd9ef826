"""The language's own synonyms: IT words that every helpdesk's readers use for one thing.

An employee types "2fa" where the page says "multi-factor authentication", "wi-fi" where it
says "wireless network", "organization" where a British page says "organisation". These hold
in any organisation, so they come with the language, like its stop words; what is particular
to one organisation belongs in its authors' `content/synonyms.yml`.

Unlike the authors' groups, these only stand in for a word the knowledge base does not use:
where its pages say "VM" as well as "virtual machine", counting both would favour the pages
that say both, not the pages that answer. A group is kept to words that mean the same thing
in IT support: "notebook" (Jupyter), "monitor" (to watch) or "link" (a symlink) would cost
more hits than they win. No phrase holds a stop word, which the index does not keep: "log
out" would be any "log"."""

from __future__ import annotations

VOCABULARY: dict[str, list[list[str]]] = {
    "en": [
        # Signing in
        ["mfa", "2fa", "two-factor authentication", "multi-factor authentication",
         "multifactor authentication", "two-step verification", "2-step verification"],
        ["otp", "one-time password", "one-time code"],
        ["username", "user name", "login name"],
        ["password", "passwd"],
        # Devices and their parts
        ["pc", "computer"],
        ["phone", "mobile phone", "smartphone", "cell phone", "cellphone"],
        ["gpu", "graphics card", "graphics processing unit"],
        ["cpu", "processor"],
        ["ram", "memory"],
        ["usb stick", "usb drive", "memory stick", "flash drive", "thumb drive"],
        ["hard drive", "hard disk", "hdd"],
        ["ssd", "solid state drive"],
        ["webcam", "web camera"],
        ["headset", "headphones"],
        ["restart", "reboot"],
        # Networks and connections
        ["wifi", "wi-fi", "wlan", "wireless network"],
        ["ethernet", "wired network", "network cable"],
        ["vpn", "virtual private network"],
        ["vm", "virtual machine"],
        ["url", "web address"],
        ["browser", "web browser"],
        # Files and rights
        ["folder", "directory"],
        ["delete", "remove"],
        ["filesystem", "file system"],
        ["permission", "access right"],
        ["admin", "administrator"],
        ["cli", "command line", "command-line interface"],
        # Mail and meetings
        ["email", "e-mail"],
        ["spam", "junk mail", "junk email"],
        ["malware", "virus"],
        ["antivirus", "anti-virus"],
        ["automatic reply", "auto reply", "autoreply"],
        ["shared mailbox", "group mailbox", "functional mailbox"],
        ["video call", "video meeting", "video conference", "videoconference"],
        ["sms", "text message"],
        # Asking for help
        ["helpdesk", "help desk", "service desk"],
        ["ticket", "support request", "service request"],
        ["faq", "frequently asked questions"],
        ["outage", "downtime", "service disruption"],
        # British and American spellings that the stemmer keeps apart
        ["organisation", "organization"],
        ["utilisation", "utilization"],
        ["optimise", "optimize"],
        ["authorise", "authorize"],
        ["customise", "customize"],
        ["initialise", "initialize"],
        ["analyse", "analyze"],
        ["licence", "license"],
        ["colour", "color"],
        ["centre", "center"],
        ["behaviour", "behavior"],
        ["catalogue", "catalog"],
    ],
    "sv": [
        ["mfa", "2fa", "tvåfaktorsautentisering", "multifaktorautentisering",
         "tvåstegsverifiering", "tvåfaktorsinloggning"],
        ["sso", "single sign-on", "enkel inloggning"],
        ["lösenord", "password"],
        ["e-post", "mejl", "mail", "e-mail", "email"],
        ["wifi", "wi-fi", "wlan", "trådlöst nätverk"],
        ["vpn", "virtual private network"],
        ["dator", "pc", "computer"],
        ["mobil", "mobiltelefon", "smartphone"],
        ["usb-minne", "usb-sticka"],
        ["omstart", "reboot"],
        ["skräppost", "spam"],
        ["nätfiske", "phishing"],
        ["skadlig kod", "skadeprogram", "malware", "virus"],
        ["mapp", "katalog"],
        ["webbläsare", "browser"],
        ["frånvaromeddelande", "autosvar", "out of office"],
        ["funktionsbrevlåda", "delad brevlåda", "gemensam brevlåda", "shared mailbox"],
        ["videomöte", "videosamtal", "videokonferens"],
        ["sms", "textmeddelande"],
        ["it-support", "servicedesk", "helpdesk"],
        ["driftavbrott", "driftstopp", "driftstörning"],
    ],
}


def language_synonyms(language: str) -> list[list[str]]:
    return VOCABULARY.get(language, [])
