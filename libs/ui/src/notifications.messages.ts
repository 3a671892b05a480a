import type { Dictionary } from './i18n';

/** The words of notifications (the bell, the list, the preferences), shared by both portals. */
export const notificationMessages = {
  nl: {
    'notif.title': 'Meldingen',
    'notif.intro': 'Wat er voor jou is gebeurd op Plein.',
    'notif.bell':
      '{count, plural, =0 {Meldingen, niets nieuws} one {Meldingen, # nieuw} other {Meldingen, # nieuw}}',
    'notif.bell.client':
      '{count, plural, =0 {Geen nieuwe berichten} one {# nieuw bericht voor jou} other {# nieuwe berichten voor jou}}',
    'notif.empty': 'Je hebt nog geen meldingen.',
    'notif.readAll': 'Alles gelezen',
    'notif.markRead': 'Gelezen',
    'notif.unread': 'Nieuw',
    'notif.more': 'Meer meldingen',
    'notif.settings': 'Instellingen',
    'notif.someone': 'Iemand',
    'notif.mention': '{actor} noemde je in een bericht',
    'notif.comment': '{actor} reageerde op je bericht',
    'notif.reaction':
      '{count, plural, one {{actor} reageerde op je bericht} other {# mensen reageerden op je bericht}}',
    'notif.answer':
      '{mine, select, yes {{actor} gaf antwoord op je vraag “{title}”} other {{actor} gaf antwoord op een vraag die je volgt: “{title}”}}',
    'notif.accepted': 'Je antwoord op “{title}” is gekozen als beste antwoord',
    'notif.submission':
      '{state, select, published {Je artikel “{title}” staat erop} returned {Je artikel “{title}” is teruggestuurd, met een tip} rejected {Je artikel “{title}” is niet geplaatst} other {Je artikel “{title}” is ingediend}}',
    'notif.report':
      '{action, select, hide {Je melding is bekeken: het bericht is verborgen} restore {Je melding is bekeken: het bericht is teruggezet} other {Je melding is bekeken: er is niets veranderd}}',
    'notif.promotion': 'Er is plek: je doet mee met “{title}”',
    'notif.reminder': 'Morgen: “{title}”',
    'notif.announcement': 'Lees en bevestig: “{title}”',
    'notif.prefs.title': 'Meldingen instellen',
    'notif.prefs.intro':
      'Kies per soort melding: in Plein, in Plein én in een dagelijkse e-mail, of helemaal niet.',
    'notif.prefs.noDigest':
      'De dagelijkse e-mail staat op deze Plein niet aan (of we kennen je e-mailadres niet).',
    'notif.prefs.save': 'Opslaan',
    'notif.prefs.saved': 'Je keuzes zijn opgeslagen.',
    'notif.channel.app': 'In Plein',
    'notif.channel.digest': 'In Plein en dagelijkse e-mail',
    'notif.channel.off': 'Uit',
    'notif.kind.mention': 'Iemand noemt je',
    'notif.kind.comment': 'Reacties op je berichten',
    'notif.kind.reaction': 'Duimpjes en hartjes op je berichten',
    'notif.kind.answer': 'Antwoorden op vragen',
    'notif.kind.accepted': 'Je antwoord is gekozen',
    'notif.kind.announcement': 'Mededelingen om te bevestigen',
    'notif.kind.submission': 'Je ingediende artikelen',
    'notif.kind.report': 'Je meldingen van berichten',
    'notif.kind.promotion': 'Een plek vrij bij een activiteit',
    'notif.kind.reminder': 'Herinnering de dag ervoor',
  },
  en: {
    'notif.title': 'Notifications',
    'notif.intro': 'What happened for you on Plein.',
    'notif.bell':
      '{count, plural, =0 {Notifications, nothing new} one {Notifications, # new} other {Notifications, # new}}',
    'notif.bell.client':
      '{count, plural, =0 {No new messages} one {# new message for you} other {# new messages for you}}',
    'notif.empty': 'You have no notifications yet.',
    'notif.readAll': 'Mark all read',
    'notif.markRead': 'Read',
    'notif.unread': 'New',
    'notif.more': 'More notifications',
    'notif.settings': 'Settings',
    'notif.someone': 'Someone',
    'notif.mention': '{actor} mentioned you in a post',
    'notif.comment': '{actor} commented on your post',
    'notif.reaction':
      '{count, plural, one {{actor} reacted to your post} other {# people reacted to your post}}',
    'notif.answer':
      '{mine, select, yes {{actor} answered your question “{title}”} other {{actor} answered a question you follow: “{title}”}}',
    'notif.accepted': 'Your answer to “{title}” was chosen as the best answer',
    'notif.submission':
      '{state, select, published {Your article “{title}” is published} returned {Your article “{title}” was returned, with a tip} rejected {Your article “{title}” was not published} other {Your article “{title}” was submitted}}',
    'notif.report':
      '{action, select, hide {Your report was reviewed: the post is hidden} restore {Your report was reviewed: the post is back} other {Your report was reviewed: nothing changed}}',
    'notif.promotion': 'A place came free: you are in for “{title}”',
    'notif.reminder': 'Tomorrow: “{title}”',
    'notif.announcement': 'Read and confirm: “{title}”',
    'notif.prefs.title': 'Notification settings',
    'notif.prefs.intro': 'Choose per kind: in Plein, in Plein and in a daily e-mail, or not at all.',
    'notif.prefs.noDigest':
      'The daily e-mail is not switched on for this Plein (or we do not know your e-mail address).',
    'notif.prefs.save': 'Save',
    'notif.prefs.saved': 'Your choices are saved.',
    'notif.channel.app': 'In Plein',
    'notif.channel.digest': 'In Plein and daily e-mail',
    'notif.channel.off': 'Off',
    'notif.kind.mention': 'Someone mentions you',
    'notif.kind.comment': 'Comments on your posts',
    'notif.kind.reaction': 'Reactions to your posts',
    'notif.kind.answer': 'Answers to questions',
    'notif.kind.accepted': 'Your answer is chosen',
    'notif.kind.announcement': 'Announcements to confirm',
    'notif.kind.submission': 'Your submitted articles',
    'notif.kind.report': 'Your reports of posts',
    'notif.kind.promotion': 'A place free at an activity',
    'notif.kind.reminder': 'Reminder the day before',
  },
} satisfies Dictionary<string>;
