/**
 * The call page's words in English and Japanese. The language follows navigator.language unless the user picked
 * one (kept in localStorage) or the link says #lang=ja|en.
 */

const MESSAGES = {
    en: {
        'app.title': 'Kaiwa call',
        'language.label': 'Language',
        'prejoin.title': 'Check your camera and microphone',
        'prejoin.join': 'Join the call',
        'prejoin.joining': 'Joining…',
        'prejoin.cameraOff': 'Camera off',
        'prejoin.noDevices': 'No camera or microphone is available. You can still join and listen.',
        'prejoin.permissionDenied': 'The browser did not allow the camera or microphone. Check the site permissions, or join without them.',
        'prejoin.noCredentials': 'This link has no invitation. Open the link from your invitation email or your portal.',
        'prejoin.micLevel': 'Microphone level',
        'devices.camera': 'Camera',
        'devices.microphone': 'Microphone',
        'devices.speaker': 'Speaker',
        'devices.default': 'Default',
        'devices.none': 'None',
        'controls.micOn': 'Mute',
        'controls.micOff': 'Unmute',
        'controls.cameraOn': 'Stop camera',
        'controls.cameraOff': 'Start camera',
        'controls.shareStart': 'Share screen',
        'controls.shareStop': 'Stop sharing',
        'controls.handRaise': 'Raise hand',
        'controls.handLower': 'Lower hand',
        'controls.chat': 'Chat',
        'controls.participants': 'Participants',
        'controls.leave': 'Leave',
        'controls.end': 'End for everyone',
        'controls.confirm': 'Click again to confirm',
        'waiting.title': 'Waiting to be let in',
        'waiting.detail': 'The host will let you in soon.',
        'waiting.leave': 'Leave',
        'waiting.list': 'Waiting room',
        'host.admit': 'Admit',
        'host.deny': 'Deny',
        'host.mute': 'Mute',
        'host.remove': 'Remove',
        'participants.title': 'Participants',
        'participants.you': '(you)',
        'participants.reconnecting': 'reconnecting…',
        'quality.good': 'Good connection',
        'quality.fair': 'Fair connection',
        'quality.poor': 'Poor connection',
        'quality.unknown': 'Connection quality not known yet',
        'chat.title': 'Chat',
        'chat.placeholder': 'Type a message',
        'chat.send': 'Send',
        'recording.off': 'Not recording',
        'recording.on': 'Recording',
        'recording.required': 'This call is recorded',
        'recording.optional': 'This call may be recorded',
        'recording.start': 'Start recording',
        'recording.stop': 'Stop recording',
        'upload.pending': 'Saving the recording: {uploaded} of {stored} parts uploaded',
        'upload.paused': 'Recording upload paused: {pending} parts waiting',
        'upload.completing': 'Finishing the recording…',
        'upload.completed': 'Recording saved',
        'upload.failed': 'The recording could not be saved ({code})',
        'consent.title': 'Consent to recording',
        'consent.grant': 'I agree to be recorded',
        'consent.decline': 'I do not agree',
        'consent.version': 'Notice version {version}',
        'consent.give': 'Recording consent',
        'consent.withdraw': 'Withdraw recording consent',
        'consent.stepTitle': 'This call is recorded',
        'consent.stepDetail': 'Read the notice and decide. You join the call once you agree.',
        'consent.declinedRequired': 'You did not agree. This call is always recorded, so you can join it only after agreeing.',
        'status.connecting': 'Connecting…',
        'status.reconnecting': 'Connection lost. Reconnecting…',
        'status.connected': 'Connected',
        'toast.knock': '{name} is waiting to join',
        'toast.joined': '{name} joined',
        'toast.left': '{name} left',
        'toast.mutedBy': 'A host muted your microphone',
        'toast.shareFailed': 'The screen could not be shared',
        'toast.handRaised': '{name} raised a hand',
        'toast.recordingStarted': 'Recording has started',
        'toast.recordingStopped': 'Recording has stopped',
        'toast.consentWithdrawn': '{name} withdrew consent to recording',
        'toast.recorderFailed': 'This browser could not record: {detail}',
        'end.left': 'You left the call',
        'end.ended': 'The call has ended',
        'end.denied': 'The host did not let you in',
        'end.removed': 'A host removed you from the call',
        'end.replaced': 'You joined this call from another window or device',
        'end.failed': 'Could not join the call',
        'end.rejoin': 'Join again',
        'error.CALL_FULL': 'The call is full.',
        'error.CALL_ALREADY_ENDED': 'The call has already ended.',
        'error.CALL_PAUSED': 'The call is paused. Try again in a moment.',
        'error.INVITE_INVALID': 'The invitation is not valid any more.',
        'error.TICKET_INVALID': 'The link has expired. Open the call again from your portal.',
        'error.PARTICIPANT_REMOVED': 'You were removed from this call.',
        'error.CALL_NOT_FOUND': 'There is no such call.',
        'error.RATE_LIMITED': 'Too many attempts. Wait a minute and try again.',
        'error.CONNECTION_FAILED': 'The server cannot be reached.',
        'error.RECONNECT_FAILED': 'The connection could not be restored.',
        'error.RESUME_INVALID': 'The connection could not be restored.',
        'error.JOIN_TIMEOUT': 'The server did not answer in time.',
        'error.CONSENT_REQUIRED': 'Everyone in the call must agree to recording first.',
        'error.CONSENT_NOTICE_OUTDATED': 'The notice has changed. Reload the page to read the current one.',
        'error.RECORDER_UNAVAILABLE': 'No browser that could record is connected.',
        'error.RECORDING_ACTIVE': 'The call is already being recorded.',
        'error.RECORDING_DISABLED': 'This call is not recorded.',
        'error.unknown': 'Something went wrong ({code}).',
    },
    ja: {
        'app.title': 'Kaiwa 通話',
        'language.label': '言語',
        'prejoin.title': 'カメラとマイクを確認してください',
        'prejoin.join': '通話に参加',
        'prejoin.joining': '参加しています…',
        'prejoin.cameraOff': 'カメラはオフです',
        'prejoin.noDevices': 'カメラもマイクも使えません。参加して聞くことはできます。',
        'prejoin.permissionDenied': 'ブラウザーがカメラまたはマイクの使用を許可しませんでした。サイトの権限を確認するか、使わずに参加してください。',
        'prejoin.noCredentials': 'このリンクには招待が含まれていません。招待メールまたはポータルのリンクから開いてください。',
        'prejoin.micLevel': 'マイクの音量',
        'devices.camera': 'カメラ',
        'devices.microphone': 'マイク',
        'devices.speaker': 'スピーカー',
        'devices.default': '既定',
        'devices.none': 'なし',
        'controls.micOn': 'ミュート',
        'controls.micOff': 'ミュート解除',
        'controls.cameraOn': 'カメラを停止',
        'controls.cameraOff': 'カメラを開始',
        'controls.shareStart': '画面を共有',
        'controls.shareStop': '共有を停止',
        'controls.handRaise': '挙手',
        'controls.handLower': '手を下ろす',
        'controls.chat': 'チャット',
        'controls.participants': '参加者',
        'controls.leave': '退出',
        'controls.end': '全員の通話を終了',
        'controls.confirm': 'もう一度押して確定',
        'waiting.title': '入室の許可を待っています',
        'waiting.detail': 'まもなくホストが入室を許可します。',
        'waiting.leave': '退出',
        'waiting.list': '待機室',
        'host.admit': '許可',
        'host.deny': '拒否',
        'host.mute': 'ミュート',
        'host.remove': '退出させる',
        'participants.title': '参加者',
        'participants.you': '(あなた)',
        'participants.reconnecting': '再接続中…',
        'quality.good': '接続状態: 良好',
        'quality.fair': '接続状態: やや不安定',
        'quality.poor': '接続状態: 不安定',
        'quality.unknown': '接続状態: 不明',
        'chat.title': 'チャット',
        'chat.placeholder': 'メッセージを入力',
        'chat.send': '送信',
        'recording.off': '録画していません',
        'recording.on': '録画中',
        'recording.required': 'この通話は録画されます',
        'recording.optional': 'この通話は録画されることがあります',
        'recording.start': '録画を開始',
        'recording.stop': '録画を停止',
        'upload.pending': '録画を保存しています: {stored} 個中 {uploaded} 個をアップロード済み',
        'upload.paused': '録画のアップロードを一時停止中: 残り {pending} 個',
        'upload.completing': '録画の保存を仕上げています…',
        'upload.completed': '録画を保存しました',
        'upload.failed': '録画を保存できませんでした ({code})',
        'consent.title': '録画への同意',
        'consent.grant': '録画に同意する',
        'consent.decline': '同意しない',
        'consent.version': '通知のバージョン {version}',
        'consent.give': '録画への同意',
        'consent.withdraw': '録画への同意を撤回',
        'consent.stepTitle': 'この通話は録画されます',
        'consent.stepDetail': '通知を読んで選んでください。同意すると通話に参加します。',
        'consent.declinedRequired': '同意されませんでした。この通話は常に録画されるため、同意した場合のみ参加できます。',
        'status.connecting': '接続しています…',
        'status.reconnecting': '接続が切れました。再接続しています…',
        'status.connected': '接続済み',
        'toast.knock': '{name} さんが入室を待っています',
        'toast.joined': '{name} さんが参加しました',
        'toast.left': '{name} さんが退出しました',
        'toast.mutedBy': 'ホストがあなたのマイクをミュートしました',
        'toast.shareFailed': '画面を共有できませんでした',
        'toast.handRaised': '{name} さんが挙手しました',
        'toast.recordingStarted': '録画が始まりました',
        'toast.recordingStopped': '録画が停止しました',
        'toast.consentWithdrawn': '{name} さんが録画への同意を撤回しました',
        'toast.recorderFailed': 'このブラウザーでは録画できませんでした: {detail}',
        'end.left': '通話から退出しました',
        'end.ended': '通話は終了しました',
        'end.denied': 'ホストが入室を許可しませんでした',
        'end.removed': 'ホストによって通話から退出させられました',
        'end.replaced': '別のウィンドウまたは端末からこの通話に参加しました',
        'end.failed': '通話に参加できませんでした',
        'end.rejoin': 'もう一度参加',
        'error.CALL_FULL': '通話の定員に達しています。',
        'error.CALL_ALREADY_ENDED': 'この通話はすでに終了しています。',
        'error.CALL_PAUSED': '通話は一時停止中です。しばらくしてからもう一度お試しください。',
        'error.INVITE_INVALID': '招待は無効になっています。',
        'error.TICKET_INVALID': 'リンクの有効期限が切れました。ポータルから通話を開き直してください。',
        'error.PARTICIPANT_REMOVED': 'この通話から退出させられました。',
        'error.CALL_NOT_FOUND': '通話が見つかりません。',
        'error.RATE_LIMITED': '試行回数が多すぎます。1 分ほど待ってからお試しください。',
        'error.CONNECTION_FAILED': 'サーバーに接続できません。',
        'error.RECONNECT_FAILED': '接続を回復できませんでした。',
        'error.RESUME_INVALID': '接続を回復できませんでした。',
        'error.JOIN_TIMEOUT': 'サーバーから時間内に応答がありませんでした。',
        'error.CONSENT_REQUIRED': '録画には通話の全員の同意が必要です。',
        'error.CONSENT_NOTICE_OUTDATED': '通知が更新されました。ページを再読み込みして最新の通知をお読みください。',
        'error.RECORDER_UNAVAILABLE': '録画できるブラウザーが接続されていません。',
        'error.RECORDING_ACTIVE': 'この通話はすでに録画中です。',
        'error.RECORDING_DISABLED': 'この通話は録画されません。',
        'error.unknown': 'エラーが発生しました ({code})。',
    },
};

export const LANGUAGES = Object.freeze(Object.keys(MESSAGES));
const STORAGE_KEY = 'kaiwa.language';

let current = 'en';

/** The language to start with: the link's, the one picked before, or the browser's. */
export function initialLanguage(requested) {
    if (LANGUAGES.includes(requested)) {
        return requested;
    }
    try {
        const stored = localStorage.getItem(STORAGE_KEY);
        if (LANGUAGES.includes(stored)) {
            return stored;
        }
    }
    catch (error) {
        // Storage may be off; the browser's language decides.
    }
    return String(navigator.language ?? '').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function language() {
    return current;
}

/** Switches the language, remembers the choice, and rewrites every element marked with data-i18n. */
export function setLanguage(lang, remember = false) {
    current = LANGUAGES.includes(lang) ? lang : 'en';
    document.documentElement.lang = current;
    if (remember) {
        try {
            localStorage.setItem(STORAGE_KEY, current);
        }
        catch (error) {
            // Not remembered; still switched.
        }
    }
    translatePage();
}

/** The text for a key, with {name} placeholders filled from params. */
export function t(key, params = {}) {
    const text = MESSAGES[current][key] ?? MESSAGES.en[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

export function has(key) {
    return key in MESSAGES.en;
}

/** Elements carry data-i18n (text), data-i18n-placeholder, data-i18n-title or data-i18n-aria-label keys. */
export function translatePage(root = document) {
    for (const element of root.querySelectorAll('[data-i18n]')) {
        element.textContent = t(element.dataset.i18n);
    }
    for (const element of root.querySelectorAll('[data-i18n-placeholder]')) {
        element.placeholder = t(element.dataset.i18nPlaceholder);
    }
    for (const element of root.querySelectorAll('[data-i18n-title]')) {
        element.title = t(element.dataset.i18nTitle);
    }
    for (const element of root.querySelectorAll('[data-i18n-aria-label]')) {
        element.setAttribute('aria-label', t(element.dataset.i18nAriaLabel));
    }
    document.title = t('app.title');
}
