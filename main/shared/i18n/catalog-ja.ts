/**
 * Japanese: every popover string, and every code the core
 * (main/core/verdicts/messages.ts) and the controller (main/app/app-messages.ts)
 * can send, with the same `{{placeholders}}`. test/renderer/catalogs.test.ts
 * fails when a code is missing here or a placeholder differs.
 * Parameter values (ssh's own words, outcome tokens) stay as ssh printed them.
 */
import type { UiKey } from './catalog-en.ts';

export const UI_JA: Record<UiKey, string> = {
  'ui.app.title': 'IPQoS Doctor',
  'ui.header.network': 'ネットワーク：{{label}}',
  'ui.header.network-unknown': 'ネットワークをまだ特定できていません',
  'ui.header.network-via': '{{iface}}（ゲートウェイ {{gateway}}）',
  'ui.header.checked': '最終チェック：{{when}}',
  'ui.header.never-checked': 'このネットワークではまだチェックしていません',
  'ui.header.check-now': '今すぐチェック',
  'ui.header.stop': '停止',
  'ui.header.checking': 'チェック中…（{{done}}/{{total}} 台）',
  'ui.header.checking-start': 'チェックを始めています…',
  'ui.header.queued': '終わったらもう一度チェックします。',
  'ui.header.progress-label': 'チェックの進み具合',
  'ui.header.more': 'その他',

  'ui.menu.settings': '設定…',
  'ui.menu.check-updates': 'アップデートを確認…',
  'ui.menu.about': 'IPQoS Doctor について',
  'ui.menu.quit': 'IPQoS Doctor を終了',

  'ui.summary.needs-fix_one': 'このネットワークでは {{count}} 台のホストに IPQoS 0 が必要です。',
  'ui.summary.needs-fix_other': 'このネットワークでは {{count}} 台のホストに IPQoS 0 が必要です。',
  'ui.summary.all-fine': 'このネットワークでは IPQoS 0 が必要なホストはありません。',
  'ui.summary.unchecked': '「今すぐチェック」を押すと、このネットワークでホストを調べます。',
  'ui.summary.fix-all': 'すべて修正…',

  'ui.first-run.title': '最初のチェックの前に',
  'ui.first-run.what':
    'IPQoS Doctor は {{minutes}} 分ごとに、ssh 設定のホストへログインせずに接続します。確認のため、ネットワークごとに 1日1回、お使いの ssh でログインします。',
  'ui.first-run.never':
    'パスワードを送ることも、known_hosts に書き込むことも、変更内容をお見せせずに設定ファイルを書き換えることもありません。',
  'ui.first-run.prompting':
    'Touch ID や確認を求める鍵（Secretive、1Password、セキュリティキー）のホストには、「今すぐチェック」を押したときだけログインします。',
  'ui.first-run.question': '確認のためのログインを許可しますか？',
  'ui.first-run.screen-only': 'ログインせずにチェック',
  'ui.first-run.allow': 'ログインを許可',
  'ui.first-run.later': 'この選択はいつでも設定で変えられます。',

  'ui.hosts.label': 'ホスト',
  'ui.hosts.count_one': '{{count}} 台',
  'ui.hosts.count_other': '{{count}} 台',
  'ui.hosts.hint': '矢印キーでホストを移動し、return キーで開きます。',

  'ui.status.needs-ipqos-0': 'IPQoS 0 が必要',
  'ui.status.server-side': 'サーバー側の問題',
  'ui.status.unreachable': '接続できません',
  'ui.status.inconclusive': '判定できません',
  'ui.status.screened': '接続可能・ログインでは未確認',
  'ui.status.ok': '正常',
  'ui.status.not-applicable': '影響なし',
  'ui.status.excluded': 'チェックしない',
  'ui.status.unchecked': '未チェック',

  'ui.host.label-separator': '、',
  'ui.host.checked': '{{when}}',
  'ui.time.just-now': 'たった今',
  'ui.host.never-checked': '未チェック',
  'ui.host.in-flight': 'チェック中…',
  'ui.host.fixed-by-tool': 'IPQoS Doctor が IPQoS 0 を設定済み',
  'ui.host.details': '技術的な詳細',
  'ui.host.no-evidence': 'まだ詳細はありません。このネットワークではまだチェックしていません。',
  'ui.host.next': '次にすること：{{step}}',
  'ui.host.fix': '修正…',
  'ui.host.fix-jump': '{{hop}} を修正…',
  'ui.host.why': 'なぜ？',
  'ui.host.undo': '元に戻す…',
  'ui.host.copy-report': 'レポートをコピー（英語）',
  'ui.host.copied': 'レポートをコピーしました。問い合わせにそのまま使えるよう英語です。',
  'ui.host.copy-failed': 'レポートをコピーできませんでした。もう一度お試しください。',

  'ui.plain.needs-ipqos-0.tested':
    'このネットワークでは {{alias}} への ssh が切れます（「Broken pipe」）。IPQoS 0 で直ることを確かめました。',
  'ui.plain.needs-ipqos-0.untested':
    'このネットワークでは {{alias}} への ssh が切れます（「Broken pipe」）。IPQoS 0 で直るはずですが、お使いの ssh ではまだ試していません。',
  'ui.plain.needs-ipqos-0.via-jump':
    'このネットワークでは、{{alias}} への ssh が踏み台の {{hop}} で切れます。{{hop}} に IPQoS 0 を設定すれば直ります。',
  'ui.plain.server-side':
    '{{alias}} への ssh はログイン後に切れ、IPQoS 0 でも直りません。サーバーが自分のパケットにラベルを付けているため、直せるのはサーバーの管理者だけです。',
  'ui.plain.unreachable':
    'このネットワークからは {{alias}} にまったく接続できません。ラベルの問題ではありません。',
  'ui.plain.inconclusive': 'このネットワークで {{alias}} が影響を受けるかどうか、判定できませんでした。',
  'ui.plain.screened':
    '{{alias}} には接続でき、ラベルの切り替えにも耐えますが、ログインしての確認はしていません。',
  'ui.plain.screened.no-login':
    '{{alias}} には接続でき、ラベルの切り替えにも耐えますが、お使いの ssh が入力なしではログインできないため、確認できていません。',
  'ui.plain.ok': 'このネットワークでは {{alias}} への ssh は正常です。お使いの ssh でログインできました。',
  'ui.plain.not-applicable': '{{alias}} は ProxyCommand で接続するため、ラベルの影響を受けません。',
  'ui.plain.excluded': '{{alias}} はチェックしない設定です。',
  'ui.plain.unchecked': '{{alias}} はこのネットワークではまだチェックしていません。',

  'ui.next.needs-ipqos-0': '「修正」を押して IPQoS 0 を追加します（書き込む前に行をお見せします）。',
  'ui.next.server-side':
    'サーバーの管理者に sshd_config で IPQoS none を設定してもらいます。「レポートをコピー」で根拠を渡せます。',
  'ui.next.unreachable':
    'ホストが動いていて、このネットワークから届くか（VPN、Wi-Fi、ファイアウォール）を確かめてください。',
  'ui.next.inconclusive':
    'しばらくしてからもう一度「今すぐチェック」を押してください。変わらなければ、レポートをコピーして不具合報告に添えてください。',
  'ui.next.screened': '「今すぐチェック」で一度ログインして確かめるか、設定でログインを許可してください。',
  'ui.next.screened.no-login': '鍵を ssh-agent に追加し（ssh-add）、「今すぐチェック」を押してください。',

  'ui.fix.title-fix': 'IPQoS 0 を設定',
  'ui.fix.title-undo': 'IPQoS 0 を元に戻す',
  'ui.fix.loading': '変更内容を準備しています…',
  'ui.fix.hosts': 'ホスト：{{hosts}}',
  'ui.fix.file': 'ファイル：{{path}}',
  'ui.fix.backup': 'バックアップの保存先：{{path}}',
  'ui.fix.no-backup': 'バックアップは不要です。',
  'ui.fix.diff-label': 'ssh 設定への変更',
  'ui.fix.diff-legend-fix': '+ の行を追加します。ファイルのほかの部分は変わりません。',
  'ui.fix.diff-legend-undo': '− の行を削除します。IPQoS Doctor が追加した行だけです。',
  'ui.fix.hunk': '{{line}} 行目付近',
  'ui.fix.decision.add': '{{host}}：IPQoS 0 を設定します。',
  'ui.fix.decision.already': '{{host}}：すでに IPQoS 0 が有効です。',
  'ui.fix.decision.remove': '{{host}}：追加した IPQoS 0 の行を削除します。',
  'ui.fix.decision.not-found': '{{host}}：削除する IPQoS Doctor の行はありません。',
  'ui.fix.decision.blocked':
    '{{host}}：システム全体の ssh 設定が IPQoS を指定しており、この ssh ではそちらが優先されるため、変更できるのは管理者だけです。',
  'ui.fix.nothing-to-do': '変更するところはありません。',
  'ui.fix.not-writable': 'IPQoS Doctor はこのファイルに書き込めません。ご自身で変更するには：',
  'ui.fix.apply-add_one': '{{count}} 行を追加',
  'ui.fix.apply-add_other': '{{count}} 行を追加',
  'ui.fix.apply-remove_one': '{{count}} 行を削除',
  'ui.fix.apply-remove_other': '{{count}} 行を削除',
  'ui.fix.cancel': 'キャンセル',
  'ui.fix.close': '完了',
  'ui.fix.applying': 'ファイルを書き込み、ssh -G ですべてのホストを確認しています…',
  'ui.fix.verified':
    '完了し、確認しました。必要なホストで ssh が IPQoS 0 を使い、ほかのホストは以前のままです。',
  'ui.fix.verified-undo': '元に戻し、確認しました。追加した行はなくなり、すべてのホストが以前のままです。',
  'ui.fix.restored': '何も変更していません。書き込み後の確認に失敗したため、以前のファイルに戻しました。',
  'ui.fix.refused': '変更は行いませんでした。',
  'ui.fix.nothing-done': '変更の必要はありませんでした。',
  'ui.fix.failed':
    '変更を準備できず、何も書き込んでいません。「今すぐチェック」のあと、もう一度お試しください。',
  'ui.fix.proof-label': 'ssh -G による確認',
  'ui.fix.proof-line': 'ssh -G {{alias}} → ipqos {{ipqos}}',
  'ui.fix.backup-kept': 'バックアップ：',
  'ui.fix.show-in-finder': 'Finder に表示',
  'ui.fix.stale': 'この差分を作ったあとにファイルが変わりました。新しい差分をもう一度確かめてください。',
  'ui.fix.notes': '補足（英語）',

  'ui.why.title': '{{alias}} に IPQoS 0 が必要な理由',
  'ui.why.what-happens': '何が起きているか',
  'ui.why.what-happens-body':
    'ssh はパケットに小さな優先度ラベル（IP の TOS/DSCP バイト）を付け、ログイン後にそれを変えます。{{host}} までの途中にある機器（家庭用ルーター、仮想マシンのネットワーク、会社のファイアウォールなど）が、このラベルが変わったり 0 でなかったりすると接続を切ってしまいます。ssh が固まったり「Broken pipe」で切れたりするのはこのためです。',
  'ui.why.what-we-saw': 'このネットワークで IPQoS Doctor が確かめたこと',
  'ui.why.what-changes': 'IPQoS 0 で何が変わるか',
  'ui.why.what-changes-body':
    'IPQoS 0 は、{{alias}} への接続ではラベルを 0 のままにするよう ssh に指示します。ほかは何も変わりません。サーバーも鍵もコマンドも同じです。ほとんどのネットワークはもともとこのラベルを無視しています。',
  'ui.why.jump-body':
    '{{alias}} は {{hop}} を経由して接続し、ラベルは {{hop}} への接続に付くため、IPQoS 0 は {{hop}} に設定します。',
  'ui.why.safe': '安全な理由',
  'ui.why.safe-body':
    '書き込む前に、追加する行をそのままお見せします。バックアップを残し、ファイルは一度に置き換え、変わったのがこのホストだけであることを ssh -G で確かめます。確かめられなければ元のファイルに戻します。',
  'ui.why.undo': '元に戻すには',
  'ui.why.undo-body':
    'このホストで「元に戻す」を押してください。または {{file}} を開き、「IPQoS Doctor」と書かれた行を削除してください。',
  'ui.why.server-title': 'この Mac の IPQoS 0 では {{alias}} を直せない理由',
  'ui.why.server-body':
    'サーバーはログイン後に自分のパケットにラベルを付け、経路上の機器がそれを捨てています。この Mac の設定はサーバーのパケットには届きません。サーバーの管理者が sshd_config に IPQoS none を設定すれば直ります。レポートをコピーして管理者に送ってください。',
  'ui.why.other-title': '{{alias}} について',
  'ui.why.next': '次にすること',
  'ui.why.unreachable-body':
    'ラベルをまったく付けない接続も通らなかったため、ラベルが原因ではありません。ホストが止まっているかスリープ中か、このネットワークからは届かない可能性があります。',
  'ui.why.inconclusive-body':
    'テストの結果がラベルの問題を示していないか、最後まで終わりませんでした。サーバーが遅い、ネットワークが変わった、別の問題がある、などが考えられます。',
  'ui.why.screened-body':
    'ssh と同じように途中でラベルを切り替える接続は通りました。完全に確かめられるのはお使いの ssh でのログインだけですが、このネットワークではまだログインしていません。',
  'ui.why.screened-no-login-body':
    'ssh と同じように途中でラベルを切り替える接続は通りました。お使いの ssh はパスワードや確認なしではログインできないため、そこから先は調べていません。',
  'ui.why.back': '戻る',

  'ui.prefs.title': '設定',
  'ui.prefs.interval': 'チェックの間隔',
  'ui.prefs.minutes_one': '{{count}} 分',
  'ui.prefs.minutes_other': '{{count}} 分',
  'ui.prefs.hours_one': '{{count}} 時間',
  'ui.prefs.hours_other': '{{count}} 時間',
  'ui.prefs.logins': '確認のためのログイン',
  'ui.prefs.logins.daily': 'ネットワークごとに 1日1回',
  'ui.prefs.logins.manual': '「今すぐチェック」を押したときだけ',
  'ui.prefs.logins.never': 'しない',
  'ui.prefs.logins-help':
    'Touch ID や確認を求める鍵のホストには、「今すぐチェック」を押したときだけログインします。',
  'ui.prefs.notifications': 'IPQoS 0 が必要なホストがあれば通知する',
  'ui.prefs.mute': '通知を一時停止',
  'ui.prefs.mute-1': '1 時間',
  'ui.prefs.mute-4': '4 時間',
  'ui.prefs.mute-8': '8 時間',
  'ui.prefs.unmute': '通知を再開',
  'ui.prefs.muted-until': '{{time}} まで停止中',
  'ui.prefs.launch': 'ログイン時に起動',
  'ui.prefs.excluded': 'チェックしないホスト',
  'ui.prefs.excluded-none': '設定ファイルにまだホストがありません。',
  'ui.prefs.config': 'ssh 設定ファイル',
  'ui.prefs.config-placeholder': '~/.ssh/config（既定）',
  'ui.prefs.config-help': 'フルパスを入力します。空欄なら ~/.ssh/config です。',
  'ui.prefs.config-save': 'このファイルを使う',
  'ui.prefs.language': '言語',
  'ui.prefs.language.system': 'システムと同じ',
  'ui.prefs.language.en': 'English',
  'ui.prefs.language.ja': '日本語',
  'ui.prefs.saved': '保存しました',
  'ui.prefs.back': '戻る',
  'ui.prefs.open-log': 'ログを開く',

  'ui.problem.ssh-missing.title': 'ssh が見つかりません',
  'ui.problem.ssh-missing.next':
    'IPQoS Doctor はお使いの ssh でホストを調べます。/usr/bin/ssh があることを確かめ（macOS には標準で入っています）、「今すぐチェック」を押してください。',
  'ui.problem.config-unreadable.title': 'ssh 設定ファイルを読めません',
  'ui.problem.config-unreadable.next':
    'ファイルがあり、読み取れることを確かめるか、設定で別のファイルを選んでください。そのあと「今すぐチェック」を押してください。',
  'ui.problem.no-hosts.title': 'チェックするホストがまだありません',
  'ui.problem.no-hosts.next':
    '使うサーバーごとに Host ブロック（例：「Host myserver」と HostName）を追加するか、設定で別のファイルを選んでください。',
  'ui.problem.no-config.title': 'ssh 設定ファイルがまだありません',
  'ui.problem.no-config.next':
    'ssh user@host と入力して接続している場合は、まだチェックするものがありません。使うサーバーごとに ~/.ssh/config に Host ブロックを追加すると、そこからチェックします。',
  'ui.problem.check-failed.title': 'チェックに失敗しました',
  'ui.problem.check-failed.next':
    '「今すぐチェック」でもう一度お試しください。失敗が続くときは、ログを開いて不具合報告に添えてください。',
  'ui.problem.file': 'ファイル：{{path}}',
  'ui.problem.details': '技術的な詳細（英語）',
  'ui.problem.open-prefs': '設定を開く',

  'ui.notice.not-allowed.title': '通知がオフです',
  'ui.notice.not-allowed.body':
    'IPQoS 0 が必要なホストを通知で知るには、システム設定 › 通知 › IPQoS Doctor で許可してください。それまでは、メニューバーのアイコンの形でお知らせします。',
  'ui.notice.not-allowed.detail': 'macOS からのメッセージ（英語）',
  'ui.notice.open-notifications': '通知の設定を開く',
  'ui.notice.icon-hidden.title': 'macOS がメニューバーのアイコンを隠しています',
  'ui.notice.icon-hidden.body':
    'システム設定 › メニューバー を開き、IPQoS Doctor を許可してください。IPQoS 0 が必要なホストがあるとアイコンでお知らせできます。',
  'ui.notice.open-menu-bar': 'メニューバーの設定を開く',
  'ui.notice.muted': '{{time}} まで通知を停止しています。',
  'ui.notice.dismiss': '閉じる',

  'ui.error.generic': 'うまくいきませんでした。詳しくはログにあります。',
  'ui.error.busy': 'IPQoS Doctor は別の変更を処理中です。少し待ってからもう一度お試しください。',
  'ui.error.invalid': 'その値は使えません。別の値を選んでください。',
  'ui.error.not-allowed': 'いまはできません。「今すぐチェック」のあと、もう一度お試しください。',
  'ui.error.disconnected':
    'IPQoS Doctor との接続が切れました。自動で再接続します。再接続しないときは開き直してください。',
  'ui.error.dismiss': '閉じる',
  'ui.error.open-log': 'ログを開く',

  // issue 13: which ssh client the app runs
  'ui.prefs.ssh': 'ssh クライアント',
  'ui.prefs.ssh-help':
    '先頭は、ターミナルと同じくログインシェルが使うものです。変更は次のチェックから反映されます。',

  // Wiring: macOS のローカルネットワークのプライバシー設定が調査を拒否した（verdict.inconclusive.local-network）
  'ui.plain.local-network':
    'macOS が IPQoS Doctor から {{alias}} への接続を止めました。このアプリにはまだローカルネットワークへのアクセスが許可されていません。',
  'ui.next.local-network':
    '「プライバシーとセキュリティ」の「ローカルネットワーク」で IPQoS Doctor を許可してから、「今すぐチェック」を押してください。',
  'ui.host.open-privacy': 'プライバシーとセキュリティを開く…',
};

/** The core's verdict and evidence codes (main/core/verdicts/messages.ts). */
export const CORE_JA: Record<string, string> = {
  'verdict.unreachable':
    'マーキングしない接続でも失敗します（{{stage}}の段階で{{outcome}}）。QoS の問題ではありません。',

  'verdict.ok.session': 'お使いの ssh で、ssh 自身のマーキングのままセッションが動きます。',
  'verdict.ok.session.raw-broke':
    'お使いの ssh でセッションは動きますが、鍵交換のあとで TOS {{tos}} に切り替えた生の接続は切れました（{{outcome}}）。ネットワークが変わったらこのホストに注意してください。',
  'verdict.ok.screen':
    'この経路は、ssh と同じように接続途中で TOS {{tos}} に切り替えても通ります（簡易チェックのみ。セッションは開いていません）。',
  'verdict.ok.screen.no-login':
    'この経路は、ssh と同じように接続途中で TOS {{tos}} に切り替えても通ります。お使いの ssh はここでは入力なしでログインできないため、セッションは開いていません。',
  'verdict.ok.already-fixed':
    '修正済みです。実際の IPQoS で 0 が送られ、お使いの ssh でセッションが動きます。',
  'verdict.ok.already-fixed.screen':
    '修正済みです。実際の IPQoS で 0 が送られ、経路も通ります（簡易チェックのみ。セッションは開いていません）。',
  'verdict.ok.already-fixed.no-login':
    '修正済みです。実際の IPQoS で 0 が送られ、経路も通ります。お使いの ssh はここでは入力なしでログインできないため、セッションは開いていません。',

  'verdict.needs-ipqos-0.session-breaks.no-tty':
    'お使いの ssh は tty なし（scp、git、コマンド実行）で切れます。IPQoS 0 なら動きます。',
  'verdict.needs-ipqos-0.session-breaks.tty':
    'お使いの ssh は tty あり（ログインシェル）で切れます。IPQoS 0 なら動きます。',
  'verdict.needs-ipqos-0.session-breaks.both':
    'お使いの ssh は tty があってもなくても切れます。IPQoS 0 なら動きます。',
  'verdict.needs-ipqos-0.reaches-auth.no-tty':
    'お使いの ssh は tty なし（scp、git、コマンド実行）で切れます。IPQoS 0 なら認証まで進みます（ログインには鍵かパスワードが要るため、確認できたのはそこまでです）。',
  'verdict.needs-ipqos-0.reaches-auth.tty':
    'お使いの ssh は tty あり（ログインシェル）で切れます。IPQoS 0 なら認証まで進みます（ログインには鍵かパスワードが要るため、確認できたのはそこまでです）。',
  'verdict.needs-ipqos-0.reaches-auth.both':
    'お使いの ssh は tty があってもなくても切れます。IPQoS 0 なら認証まで進みます（ログインには鍵かパスワードが要るため、確認できたのはそこまでです）。',
  'verdict.needs-ipqos-0.screen-confirmed':
    'TOS 0 では動きますが、接続途中で TOS {{tos}} に切り替えると切れます（{{outcome}}）。IPQoS 0 ならお使いの ssh で動きます。',
  'verdict.needs-ipqos-0.screen-unconfirmed':
    'TOS 0 では動きますが、接続途中で TOS {{tos}} に切り替えると切れます（{{outcome}}）。簡易チェックの結果です。お使いの ssh では修正を確認できませんでした（{{reason}}）。',
  'verdict.needs-ipqos-0.screen-only':
    'TOS 0 では動きますが、接続途中で TOS {{tos}} に切り替えると切れます（{{outcome}}）。簡易チェックのみで、お使いの ssh ではまだ確認していません。',

  'verdict.server-side':
    'ssh 自身のマーキングでも IPQoS 0 でも、ログイン後にセッションが切れます。サーバーが自分のパケットをマーキングし、経路がそれを捨てています。クライアントの設定では直せません。サーバーの管理者なら直せます（sshd_config に IPQoS 0）。',
  'verdict.server-side.already-fixed':
    'ここではすでに IPQoS 0 ですが、ログイン後にセッションが切れます。サーバーが自分のパケットをマーキングし、経路がそれを捨てています。サーバーの管理者なら直せます（sshd_config に IPQoS 0）。',

  'verdict.inconclusive.not-forced.no-tty':
    'お使いの ssh は tty なし（scp、git、コマンド実行）で切れますが、この ssh（8.7 より前）では設定ファイルが -o IPQoS=0 より優先され、修正入りの設定のコピーも作れなかったため、修正は試していません。',
  'verdict.inconclusive.not-forced.tty':
    'お使いの ssh は tty あり（ログインシェル）で切れますが、この ssh（8.7 より前）では設定ファイルが -o IPQoS=0 より優先され、修正入りの設定のコピーも作れなかったため、修正は試していません。',
  'verdict.inconclusive.not-forced.both':
    'お使いの ssh は tty があってもなくても切れますが、この ssh（8.7 より前）では設定ファイルが -o IPQoS=0 より優先され、修正入りの設定のコピーも作れなかったため、修正は試していません。',
  'verdict.inconclusive.zero-breaks.no-tty':
    'お使いの ssh は IPQoS 0 でも tty なし（scp、git、コマンド実行）で切れ、サーバーのマーキングでは説明がつきません。このチェックで特定できるマーキングの問題ではありません。',
  'verdict.inconclusive.zero-breaks.tty':
    'お使いの ssh は IPQoS 0 でも tty あり（ログインシェル）で切れ、サーバーのマーキングでは説明がつきません。このチェックで特定できるマーキングの問題ではありません。',
  'verdict.inconclusive.zero-breaks.both':
    'お使いの ssh は IPQoS 0 でも tty があってもなくても切れ、サーバーのマーキングでは説明がつきません。このチェックで特定できるマーキングの問題ではありません。',
  'verdict.inconclusive.screen-zero-breaks':
    'TOS 0 では動きますが、接続途中で TOS {{tos}} に切り替えると切れます（{{outcome}}）。さらに IPQoS 0 でもお使いの ssh が切れます。この経路にはクライアントのマーキング以外にも問題があります。',
  'verdict.inconclusive.screen-not-forced':
    'TOS 0 では動きますが、接続途中で TOS {{tos}} に切り替えると切れます（{{outcome}}）。この ssh（8.7 より前）では設定ファイルが -o IPQoS=0 より優先され、修正入りの設定のコピーも作れなかったため、修正は試していません。',
  'verdict.inconclusive.already-fixed-breaks':
    'ここではすでに IPQoS 0 ですが、セッションが開く前にお使いの ssh が切れます。マーキングの問題ではありません。',
  'verdict.inconclusive.no-session':
    '生の接続では問題は見つかりませんでしたが、お使いの ssh は経路とは関係のない理由で失敗しました（{{outcome}}）。',
  'verdict.inconclusive.jump-too-deep': 'ProxyJump の入れ子が {{max}} 段を超えています。',
  'verdict.inconclusive.jump-unreadable': 'ProxyJump の値「{{proxyJump}}」を読み取れません。',
  'verdict.not-applicable.proxy-command':
    'ProxyCommand を通して接続します。ssh はパイプに TOS を付けないため、ここで IPQoS を変えても何も変わりません。',

  'verdict.via-jump.ok':
    'ProxyJump {{hop}} を経由します。その接続は正常です（以下は {{hop}} で測った結果です）。',
  'verdict.via-jump.ok.session': 'ProxyJump {{hop}} を経由したセッションが動きます。{{hop}} 自身も正常です。',
  'verdict.via-jump.ok.no-login':
    'ProxyJump {{hop}} は正常です。お使いの ssh はこのホストに入力なしでログインできないため、経由したセッションは開いていません。',
  'verdict.via-jump.server-side.beyond':
    'ProxyJump {{hop}} 自身は正常ですが、経由したセッションがログイン後に切れます。このホストのサーバーが自分のパケットをマーキングし、{{hop}} からの経路がそれを捨てています。クライアントの設定では直せません。サーバーの管理者なら直せます（sshd_config に IPQoS 0）。',
  'verdict.via-jump.inconclusive.beyond':
    'ProxyJump {{hop}} は正常ですが、経由したセッションが失敗しました（{{outcome}}）。このチェックで特定できるマーキングの問題ではありません。',
  'verdict.via-jump.needs-ipqos-0':
    'ProxyJump {{hop}} を経由し、そちらに IPQoS 0 が必要です。修正は {{hop}} に入れます。',
  'verdict.via-jump.unreachable': 'ProxyJump {{hop}} を経由しますが、そこに接続できません。',
  'verdict.via-jump.inconclusive': 'ProxyJump {{hop}} を経由しますが、そのチェックは判定できませんでした。',
  'verdict.via-jump.server-side':
    'ProxyJump {{hop}} を経由します。そのサーバーが自分のマーキングでセッションを切っています（サーバーの管理者なら直せます）。',
  'verdict.via-jump.not-applicable':
    'ProxyJump {{hop}} を経由しますが、そこは ProxyCommand で接続するため ssh は TOS を付けません。',

  'evidence.ssh-g':
    'ssh -G：{{user}}@{{hostname}}:{{port}}、IPQoS {{interactive}} {{bulk}}（対話 TOS {{interactiveTos}}、一括 {{bulkTos}}）',
  'evidence.client.marks-continually':
    '{{version}}：SYN からマーキングし、その後も常に見直します（一括チャネルが開いていない間は対話用の値）',
  'evidence.client.marks-from-syn':
    '{{version}}：SYN から対話用の値でマーキングし、セッションが開いたときに一度だけセッションの値に変えます',
  'evidence.client.marks-at-session':
    '{{version}}：鍵交換はマーキングなしで送り、セッションが開いたときに一度だけセッションの値でマーキングします',
  'evidence.connect-timeout':
    'ConnectTimeout {{value}} が設定されています。macOS ではこれで ssh が SYN からマーキングするようになります。',
  'evidence.raw-probe.baseline-answered':
    '生の接続、TOS 0 で鍵交換と「none」要求まで：{{ms}} ms で応答 — {{detail}}',
  'evidence.raw-probe.baseline-failed':
    '生の接続、TOS 0 で鍵交換と「none」要求まで：{{ms}} ms で {{outcome}} — {{detail}}',
  'evidence.raw-probe.baseline-methods':
    '生の接続、TOS 0 で鍵交換と「none」要求まで：{{ms}} ms で応答 — サーバーが「none」に答えました（認証方式：{{methods}}）',
  'evidence.raw-probe.switch-silent':
    '生の接続、同じ接続で TOS {{tos}} に切り替え：{{ms}} ms でタイムアウト — {{waitMs}} ms 以内に応答がありません',
  'evidence.raw-probe.switch-answered': '生の接続、同じ接続で TOS {{tos}} に切り替え：{{ms}} ms で応答',
  'evidence.raw-probe.switch-failed':
    '生の接続、同じ接続で TOS {{tos}} に切り替え：{{ms}} ms で {{outcome}} — {{detail}}',
  'evidence.raw-probe.harmless':
    '生の接続では鍵もパスワードも送っていません。SYN はマーキングなしで送りました（Node は接続後に TOS を設定します）。',
  'evidence.ssh-run.worked':
    '{{command}}：{{ms}} ms で成功 — リモートコマンドが実行されました（終了コード {{exitCode}}）［IP_TOS の設定：{{tosSet}}］',
  'evidence.ssh-run.hung.start':
    '{{command}}：{{ms}} ms でタイムアウト — 開始後に進まず（TCP 接続なし）、停止しました［IP_TOS の設定：{{tosSet}}］',
  'evidence.ssh-run.hung.connected':
    '{{command}}：{{ms}} ms でタイムアウト — TCP 接続が開いたあと進まず、停止しました［IP_TOS の設定：{{tosSet}}］',
  'evidence.ssh-run.hung.kex':
    '{{command}}：{{ms}} ms でタイムアウト — 鍵交換が始まったあと進まず、停止しました［IP_TOS の設定：{{tosSet}}］',
  'evidence.ssh-run.hung.authenticated':
    '{{command}}：{{ms}} ms でタイムアウト — ログイン後に進まず、停止しました［IP_TOS の設定：{{tosSet}}］',
  'evidence.ssh-run.hung.session':
    '{{command}}：{{ms}} ms でタイムアウト — セッションが開いたあと進まず、停止しました［IP_TOS の設定：{{tosSet}}］',
  'evidence.ssh-run.failed':
    '{{command}}：{{ms}} ms で {{outcome}} — {{reason}}［IP_TOS の設定：{{tosSet}}］',
  'evidence.mode.screen':
    '簡易チェック：生の接続だけを試しました。お使いの ssh は実行しておらず、ログインもしていません。',
  'evidence.no-login':
    'セッションは開いていません。お使いの ssh は入力なしではログインできません（{{reason}}）。判定は生の接続の結果によります。',
  'evidence.zero-not-forced':
    'この ssh（8.7 より前）では、設定ファイルの後ろの IPQoS 行が -o IPQoS=0 より優先されます。',
  'evidence.planned-copy':
    'この ssh（8.7 より前）では後ろの IPQoS 行が -o IPQoS=0 に勝つため、IPQoS 0 の試行には修正ブロックを加えた設定の一時コピーを使いました（その ssh -G：ipqos {{interactive}} {{bulk}}）。',
  'evidence.planned-copy-failed': '修正ブロックを加えた設定の一時コピーを使えませんでした：{{reason}}',
  'evidence.planned-copy-not-zero':
    '修正ブロックを加えた設定の一時コピーでも ipqos {{interactive}} {{bulk}}（ssh -G）のままだったため、使いませんでした。',
  'evidence.server-side.advice':
    'サーバーの管理者へ：sshd はセッション開始時に自分のパケットをマーキングし、この経路の機器がそれを捨てています。{{hostname}} の sshd_config に IPQoS 0（または none）を設定すれば止まります。このクライアントで変えるものはありません。',
  'evidence.proxy-command': 'ProxyCommand {{command}}',
  'evidence.proxy-command.hint':
    'そのコマンドが ssh 自身を実行する（ssh -W）場合は、接続先のホストを確認してください。IPQoS はそちらで効きます。',
  'evidence.proxy-jump': 'ProxyJump {{proxyJump}}',
  'evidence.via-jump':
    'TOS は最初の経由先 {{hop}} へのソケットに付きます。そのソケットは別の ssh -W が {{hop}} 自身の設定で開くため、{{alias}} への -o IPQoS=0 は届きません。以下は {{hop}} で測った結果です。',
  // ── Issue 14 §1 (servers that mark from their first byte) and issue 13 §2 (Local Network) ──
  'verdict.server-side.no-banner.timeout':
    'TCP では接続できますが、サーバーのバージョン行が届きません。最も考えられるのは、サーバーが最初のバイトから自分のパケットをマーキングしていて（OpenSSH 10.1 以降はバナーから EF を付けます）、この経路の機器がそれを捨てていることです。sshd が固まっているか過負荷の可能性もありますが、こちらは可能性が低めです。このクライアントの IPQoS 0 では直りません。サーバーの管理者が直せます（sshd_config に IPQoS none）。',
  'verdict.server-side.no-banner.reset':
    'TCP では接続できますが、サーバーのバージョン行が届くはずのところで接続がリセットされます。最も考えられるのは、サーバーが最初のバイトから自分のパケットをマーキングしていて（OpenSSH 10.1 以降はバナーから EF を付けます）、この経路の機器がその変化でリセットしていることです。sshd が接続を断っている（MaxStartups、PerSourcePenalties）可能性もありますが、こちらは可能性が低めです。このクライアントの IPQoS 0 では直りません。サーバーの管理者が直せます（sshd_config に IPQoS none）。',
  'verdict.inconclusive.local-network':
    'macOS が {{target}} への接続を止めました（{{errno}}）。このアプリにローカルネットワークへのアクセスが許可されていないため、このホストを調べられませんでした。システム設定 › プライバシーとセキュリティ › ローカルネットワーク で許可してから、もう一度チェックしてください。',
  'evidence.server-side.no-banner':
    'サーバーの管理者へ：SYN-ACK は返ってきましたが、そのあとのバイトは一つも届きませんでした。sshd 10.1 以降はバージョン行から先をすべて EF で送るため、サーバーのマーキングされたパケットを捨てるかリセットする経路では、クライアントはその行を受け取れません。{{hostname}} の sshd_config に IPQoS none を設定して sshd を再読み込みすれば止まります。古い sshd が黙っている場合は、固まっているか過負荷です（ログで分かります）。調査用の接続はマーキングなしで送ったので、このクライアントで変えるものはありません。',
  'verdict.via-jump.server-side.no-banner':
    'ProxyJump {{hop}} は動きますが、このホストのサーバーのバージョン行がそこを通って届きません。最も考えられるのは、サーバーが最初のバイトから自分のパケットをマーキングしていて（OpenSSH 10.1 以降はバナーから EF を付けます）、{{hop}} から先の経路がそれを捨てるかリセットしていることです。sshd が固まっている可能性もありますが、こちらは可能性が低めです。クライアントの設定では直りません。サーバーの管理者が直せます（sshd_config に IPQoS none）。',
  'evidence.local-network.where':
    'macOS 15 以降では、システム設定 › プライバシーとセキュリティ › ローカルネットワーク で許可されるまで、アプリはプライベート（10/8、172.16/12、192.168/16、fc00::/7）、リンクローカル（169.254/16、fe80::/10）、.local のホストに接続できません。止められた接続は確認なしにすぐ失敗し、同じホストでもターミナルからなら動きます。',
};

/** The controller's own codes (main/app/app-messages.ts). */
export const APP_JA: Record<string, string> = {
  'notify.needs-ipqos-0.one.title': 'このネットワークでは {{alias}} に IPQoS 0 が必要です',
  'notify.needs-ipqos-0.one.body':
    'ここでは、パケットにラベルが付くと {{alias}} への ssh が切れます（{{network}}）。IPQoS Doctor を開いて修正してください。',
  'notify.needs-ipqos-0.many.title': 'このネットワークでは {{count}} 台のホストに IPQoS 0 が必要です',
  'notify.needs-ipqos-0.many.body':
    'ここでは、パケットにラベルが付くと {{aliases}} への ssh が切れます（{{network}}）。IPQoS Doctor を開いて修正してください。',
  'notify.server-side.one.title': '{{alias}} はサーバー自身のラベルで切れます',
  'notify.server-side.one.body':
    '{{alias}} へのセッションは IPQoS 0 でも切れます（{{network}}）。サーバーの管理者が sshd_config に IPQoS none を設定できます。',
  'notify.server-side.many.title': '{{count}} 台のホストがサーバー自身のラベルで切れます',
  'notify.server-side.many.body':
    '{{aliases}} へのセッションは IPQoS 0 でも切れます（{{network}}）。各サーバーの管理者が sshd_config に IPQoS none を設定できます。',
  'notify.recovered.one.title': '{{alias}} がまた使えます',
  'notify.recovered.one.body':
    '設定を変えずに、このネットワークで {{alias}} への ssh がまた動きます（{{network}}）。',
  'notify.recovered.many.title': '{{count}} 台のホストがまた使えます',
  'notify.recovered.many.body':
    '設定を変えずに、このネットワークで {{aliases}} への ssh がまた動きます（{{network}}）。',
  'notify.error.title': 'IPQoS Doctor がホストをチェックできません',
  'notify.fix-verified.title': '{{aliases}} に IPQoS 0 を設定しました',
  'notify.fix-verified.body': '{{configFile}} に書き込み、ssh -G で確認しました。',
  'notify.fix-restored.title': '{{configFile}} への変更を取り消しました',
  'notify.fix-restored.body': 'ssh -G で確認できなかったため、以前の内容に戻しました：{{reason}}',

  'tray.checking': 'IPQoS Doctor：{{total}} 台中 {{done}} 台をチェック中…',
  'tray.needs-fix': 'IPQoS Doctor：{{network}} で {{count}} 台のホストに IPQoS 0 が必要です',
  'tray.server-side': 'IPQoS Doctor：{{network}} で {{count}} 台のホストがサーバーのラベルで切れます',
  'tray.problem': 'IPQoS Doctor：{{problem}}',
  'tray.all-fine': 'IPQoS Doctor：{{network}} で {{count}} 台のホストは正常です',
  'tray.unchecked': 'IPQoS Doctor：このネットワークではまだチェックしていません',
  'tray.muted': '{{summary}}（{{until}} まで通知を停止中）',
  'tray.menu.host': '{{alias}} — {{status}}',
  'tray.menu.check-now': '今すぐチェック',
  'tray.menu.checking': 'チェック中…',
  'tray.menu.fix': '{{count}} 台のホストを修正…',
  'tray.menu.undo-last-fix': '最後の修正を元に戻す（{{aliases}}）…',
  'tray.menu.mute': '通知を一時停止',
  'tray.menu.mute-hours': '{{hours}} 時間',
  'tray.menu.unmute': '通知を再開',
  'tray.menu.preferences': '設定…',
  'tray.menu.open-log': 'ログを開く',
  'tray.menu.quit': 'IPQoS Doctor を終了',
  'tray.status.needs-ipqos-0': 'IPQoS 0 が必要',
  'tray.status.server-side': 'サーバー側の問題',
  'tray.status.unreachable': '接続できません',
  'tray.status.inconclusive': '判定できません',
  'tray.status.screened': '接続可能・ログインでは未確認',
  'tray.status.ok': '正常',
  'tray.status.not-applicable': '影響なし',
  'tray.status.excluded': 'チェックしない',
  'tray.status.unchecked': '未チェック',

  'problem.ssh-missing': 'OpenSSH クライアントを実行できません：{{reason}}',
  'problem.config-unreadable': 'ssh 設定ファイルを読めません：{{reason}}',
  'problem.no-hosts': 'ssh 設定ファイル（{{configFile}}）にチェックするホストがありません。',
  'problem.check-failed': 'チェックに失敗しました：{{reason}}',

  'fix.verified': '{{aliases}} に IPQoS 0 を設定し、ssh -G で確認しました。ほかは何も変わっていません。',
  'fix.undo-verified': '{{aliases}} の IPQoS 0 の行を削除し、ssh -G で確認しました。',
  'fix.restored': '書き込んだファイルが ssh -G の確認に通らなかったため、以前の内容に戻しました：{{reason}}',
  'fix.refused': '一時コピーでの ssh -G の確認に通らなかったため、設定ファイルには触れていません：{{reason}}',
  'fix.nothing-to-do': '{{configFile}} に変更する点はありません。',
  'fix.not-in-diagnosis':
    '{{aliases}}：このネットワークのチェックでは IPQoS 0 が必要なホストではありません。',
  'fix.not-fixed-by-tool': '{{aliases}}：設定ファイルに IPQoS Doctor が追加した IPQoS 0 の行はありません。',
  'fix.stale-plan':
    'これは最後に表示した変更ではないか、その後に設定ファイルが変わりました。変更をもう一度表示してください。',
  'fix.not-writable': '{{configFile}} に書き込めません（{{reason}}）。行を手で追加してください。',

  // ── issue 16: the tray's own menu item, and requests that fail (main/shared/ipc-messages.ts) ──
  'tray.menu.check-updates': 'アップデートを確認…',
  'ipc.invalid-request': '{{channel}}：要求の形が正しくありません（{{issues}}）。',
  'ipc.not-an-object': '{{channel}}：要求は配列ではなくオブジェクトでなければなりません。',
  'ipc.refused-sender': '{{channel}}：IPQoS Doctor のポップオーバーからの要求ではないため、拒否しました。',
  'ipc.refused': '{{reason}}',
  'ipc.bad-response': '{{channel}}：アプリが表示できない答えを返しました。',
  'ipc.bad-reply': '{{channel}}：答えの形が正しくありません（{{issues}}）。',
  'ipc.failed': '{{channel}}：{{reason}}',
  'ipc.unreachable': '{{channel}}：{{reason}}',
  'ipc.bridge-missing': 'window.ipqos がありません。',
  'ipc.busy': '別の変更を書き込んでいます。',
  'ipc.no-result': '{{alias}} には、このネットワークでの結果がまだありません。',
  'ipc.hint.see-log': '詳しくはログにあります：メニュー › ログを開く。',
  'ipc.hint.reopen': 'IPQoS Doctor を終了して、もう一度開いてください。',
  'ipc.hint.try-again': '少し待ってから、もう一度試してください。',
  'ipc.hint.plan-again': '変更をもう一度表示してください。',
  'ipc.hint.check-first': 'チェックを実行してから、見つかったものを修正してください。',
  'ipc.hint.run-check': '先にチェックを実行してください。',
  'ipc.hint.manual': '{{steps}}',
  'updates.development':
    'アップデートはインストールしたアプリでだけ確認します。この開発用ビルドは自分では更新しません。',
  'updates.inactive': 'アップデートを確認できませんでした：このビルドでは更新の仕組みが動いていません。',
  'updates.up-to-date': 'IPQoS Doctor {{current}} は最新です。',
  'updates.downloading':
    'IPQoS Doctor {{version}} をダウンロードしています。終了するときにインストールされます（今は {{current}}）。',
  'updates.failed': 'アップデートを確認できませんでした：{{reason}}',
  'dialog.ok': 'OK',
  // Wiring: Show in Finder reveals only a backup the tool wrote.
  'fix.not-a-backup':
    'Finder に表示できるのは IPQoS Doctor が作ったバックアップだけです（{{path}} は対象外です）。',
  'fix.hint.backups-folder': 'バックアップは {{folder}} にあります。',
};

/**
 * Parameter values that are words, not data: the core's outcome and stage
 * tokens (probe-outcome.ts, tos-probe.ts, openssh-outcome.ts). A value not
 * listed stays as the core sent it.
 */
export const VALUES_JA: Record<string, string> = {
  'value.outcome.ok': '成功',
  'value.outcome.reset': 'リセット',
  'value.outcome.timeout': 'タイムアウト',
  'value.outcome.closed': '切断',
  'value.outcome.refused': '接続拒否',
  'value.outcome.dns': '名前解決の失敗',
  'value.outcome.unreachable-network': 'ネットワーク到達不能',
  'value.outcome.error': 'エラー',
  'value.stage.start': '開始',
  'value.stage.connect': '接続',
  'value.stage.connected': '接続後',
  'value.stage.version': 'バージョン交換',
  'value.stage.kex': '鍵交換',
  'value.stage.auth': '認証',
  'value.stage.authenticated': '認証後',
  'value.stage.session': 'セッション',
  // Issue 17: the ssh outcomes and the probes' detail phrases, so no English is left in Japanese views.
  'value.outcome.auth-failed': '認証の失敗',
  'value.outcome.host-key': 'ホスト鍵の不一致',
  'value.detail.during': '{{stage}}の段階で{{code}}',
  'value.errno.ECONNREFUSED': '接続拒否（ECONNREFUSED）',
  'value.errno.ECONNRESET': '接続リセット（ECONNRESET）',
  'value.errno.ETIMEDOUT': 'タイムアウト（ETIMEDOUT）',
  'value.errno.EHOSTUNREACH': 'ホスト到達不能（EHOSTUNREACH）',
  'value.errno.ENETUNREACH': 'ネットワーク到達不能（ENETUNREACH）',
  'value.errno.ENOTFOUND': '名前解決の失敗（ENOTFOUND）',
  'value.errno.EPIPE': '切断（EPIPE）',
  'value.detail.closed': 'サーバーが接続を閉じました',
  'value.detail.closed-during': '{{stage}}中にサーバーが接続を閉じました',
  'value.detail.no-answer': '{{ms}} ms 以内に応答がありません',
  'value.detail.no-answer-stuck': '{{ms}} ms 以内に応答がありません（{{stage}}で停止）',
  'value.detail.none-accepted': 'サーバーが認証「none」を受け入れました',
  'value.detail.cancelled': '取り消されました',
};

/**
 * The core's error and hint codes (main/core/error-messages.ts) and a plan's decisions and notes
 * (main/core/config-edit/plan-messages.ts); issue 15, issue 16 §2.
 */
export const CORE_ERRORS_JA: Record<string, string> = {
  'core.error.changed-while-verifying':
    'ipqos-doctor が変更を確認している間に、別のプログラムが {{file}} を書き換えました。そのため、そのプログラムが書いた内容のままにしてあります。変更前の版は {{previous}}、ipqos-doctor が書いた版は {{proposed}} にあります。',
  'core.hint.compare-versions':
    'ファイルを両方の版と見比べ、残したい内容にしてから、もう一度確認してください。',
  'core.error.not-regular-file':
    '{{file}} は通常のファイルではない（{{kind}}）ため、ssh の設定として読みません。',
  'core.error.config-is-directory': '{{file}} はフォルダーで、ssh の設定ファイルではありません。',
  'core.error.file-too-large':
    '{{file}} は {{limitMiB}} MiB を超えていて、ssh の設定としては大きすぎるため、読みませんでした。',
  'core.error.config-missing': 'ssh の設定ファイル {{file}} がありません。',
  'core.error.config-unreadable': 'ssh の設定ファイル {{file}} を読む権限がありません。',
  'core.error.config-read-failed': '{{file}} を読めません（{{errno}}）。',
  'core.error.state-disk-full':
    '{{dir}}（ipqos-doctor のバックアップと一時コピーの置き場所）のディスクがいっぱいです。{{file}} は変更していません。',
  'core.hint.pass-config-file': 'お使いの ssh の設定ファイルを指定してください。',
  'core.hint.regular-file-only':
    'パイプ、デバイス、ソケットを読む Include では ssh も止まります。通常のファイルだけを指すようにしてください。',
  'core.hint.too-large': 'Include の行が意図したファイルを指しているか確認してください。',
  'core.hint.check-permissions': '権限を確認してください：ls -l {{file}}',
  'core.hint.free-space':
    'そのディスクの空きを増やすか、IPQOS_DOCTOR_STATE_DIR を別のディスクのフォルダーにしてから、もう一度実行してください。',
  'core.error.ssh-g-timeout': 'ssh -G {{host}} が {{seconds}} 秒以内に終わりませんでした。',
  'core.error.match-exec-timeout':
    '設定の Match exec のコマンドが {{seconds}} 秒以内に終わりませんでした（ssh -G {{host}}）：{{commands}}。',
  'core.error.ssh-not-runnable': 'OpenSSH クライアント「{{bin}}」を実行できません：{{errno}}。',
  'core.error.ssh-not-openssh':
    '「{{bin}} -V」が OpenSSH のバージョンを表示しませんでした（表示：{{printed}}）。',
  'core.error.ssh-printed-nothing':
    '「{{bin}} -V」が OpenSSH のバージョンを表示しませんでした（何も表示されません）。',
  'core.error.not-a-host-alias':
    '「{{host}}」はホストの別名ではありません。別名は空にできず、「-」で始められず、空白も含められません。',
  'core.error.ssh-rejects-config': 'OpenSSH が「{{host}}」の設定を受け付けません：{{sshSays}}',
  'core.error.plain-ssh-refuses': 'ssh が今の {{file}} を受け付けないため、何も変更していません：{{sshSays}}',
  'core.hint.match-exec-timeout':
    '待つ（ネットワーク、入力、ロックなどを）Match exec のコマンドは ssh も止めます。すぐ戻るようにしてから、もう一度実行してください。',
  'core.hint.install-ssh':
    'OpenSSH をインストールするか（Debian では apt-get install openssh-client）、使う ssh を指定してください。',
  'core.hint.needs-openssh':
    'IPQoS Doctor には OpenSSH クライアントが必要です。使う ssh を指定してください。',
  'core.hint.name-host-alias': 'ssh の設定の Host 行にある名前でホストを指定してください。',
  'core.hint.fix-named-line':
    'ssh が示す行を直してから（使えるオプションは ssh_config(5) にあります）、もう一度確認してください。',
  'core.hint.fix-config-permissions':
    'ssh は、自分が所有し、ほかの誰も書き込めない設定ファイルしか読みません。chmod 600 {{file}} を実行し（所有者も自分にして）、もう一度実行してください。',
  'core.error.not-one-host': '「{{host}}」は、1 台のホストとして Host 行に書けません。',
  'core.hint.one-host-name':
    '別名かホスト名を 1 つ指定してください。使えるのは英数字と . - _ : % + [ ] だけで、ワイルドカード、user@、空白は使えません。',
  'core.error.no-hosts-to-fix': '修正するホストを 1 台以上指定してください。',
  'core.hint.name-hosts-to-fix': 'IPQoS 0 を設定するホストを指定してください。',
  'core.error.line-unparsable': '{{file}} の {{line}} 行目（「{{text}}」）を解析できません：{{reason}}。',
  'core.hint.fix-line':
    'その行を直してから（ssh -G -F FILE HOST でも示されます）、もう一度実行してください。何も変更していません。',
  'core.error.include-too-deep': '{{file}} で Include の入れ子が {{depth}} 段を超えています。',
  'core.hint.include-loop':
    'Include が自分自身を読み込んでいる可能性があります。OpenSSH もこれを拒否します。',
  'core.error.config-unparsable': '{{file}} を解析できません：{{reason}}',
  'core.hint.unbalanced-quote':
    '引用符の閉じ忘れがないか確認してください。`ssh -G -F FILE HOST` でもその行が示されます。',
  'core.error.config-changed-since-plan':
    '変更を計画したあとで {{file}} が変わりました。何も書き込んでいません。',
  'core.error.config-deleted-since-plan':
    '変更を計画したあとで {{file}} が変わりました（削除されました）。何も書き込んでいません。',
  'core.hint.plan-again': 'もう一度実行してください。今のファイルをもとに計画し直します。',
  'core.error.nul-byte':
    '{{file}} の {{line}} 行目に NUL バイトがあります。ssh が別の読み方をするかもしれないファイルは、ipqos-doctor は編集しません。',
  'core.hint.remove-nul': 'NUL バイトを取り除いてから（ssh の設定では無効です）、もう一度実行してください。',
  'core.error.lone-carriage-return':
    '{{file}} の {{line}} 行目に、行末ではない復帰文字（CR）があります（古い Mac の改行？）。',
  'core.hint.convert-line-endings': '改行を LF か CRLF に変換してから、もう一度実行してください。',
  'core.error.config-now-points': '{{file}} は今は {{target}} を指しています。何も書き込んでいません。',
  'core.hint.run-again': 'もう一度実行してください。',
  'core.error.include-changed-since-plan':
    '変更を計画したあとで {{file}}（{{config}} が読み込むファイル）が変わりました。何も書き込んでいません。',
  'core.hint.plan-again-files': 'もう一度実行してください。今のファイルをもとに計画し直します。',
  'core.error.locked':
    '別の ipqos-doctor（pid {{pid}}）が今 {{file}} を変更しています。何も書き込んでいません。',
  'core.hint.wait-for-lock':
    'それが終わってから、もう一度実行してください。ipqos-doctor が動いていないなら、{{lock}} を削除してください。',
  'core.error.lock-unavailable': 'ロック {{lock}} を取れません。何も書き込んでいません。',
  'core.hint.lock-starting': '別の ipqos-doctor が起動中かもしれません。もう一度実行してください。',
  'core.error.added-lines-edited':
    '{{file}} の {{line}} 行目：このコメントの下に ipqos-doctor が加えた行が、あとで編集されています（{{problem}}）。',
  'core.hint.added-lines-edited':
    'ipqos-doctor は何を消すべきか推測しません。コメントとその対象の行を手で消すか、元に戻してから、もう一度 undo を実行してください。何も変更していません。',
  'core.error.symlink-loop': '{{file}} はシンボリックリンクのループです。',
  'core.hint.point-at-file': '実際のファイルを指すようにしてから、もう一度実行してください。',
  'core.error.include-reaches-state':
    '設定の「Include {{pattern}}」が {{reached}} に届きます。そこは ipqos-doctor がバックアップと一時コピーを置く場所です。何も書き込んでいません。',
  'core.hint.move-state-dir':
    '{{env}} を、設定のどの Include にも当てはまらないフォルダーにしてから（例：{{env}}=/var/tmp/ipqos-doctor-$USER）、もう一度実行してください。',
  'core.error.unknown-host': '{{hosts}} は {{files}} のホストではありません。',
  'core.error.unknown-hosts': '{{hosts}} は {{files}} のホストではありません。',
  'core.hint.host-case':
    '「{{alias}}」は大文字・小文字の違う「{{twin}}」です。ssh は Host 名を大文字・小文字まで区別します。設定のとおりに指定してください。',
  'core.hint.known-hosts': '設定にあるホスト：{{known}}',
  'core.hint.no-aliases': 'その設定には Host の別名がありません。',
  'core.error.no-aliases': '{{file}} には、確認する具体的な Host の別名がありません。',
  'core.hint.name-or-add-hosts': '確認するホストを指定するか、設定に Host ブロックを加えてください。',
  'core.error.config-not-writable': '{{file}} を変更できません：{{reason}}。何も書き込んでいません。',
  'core.hint.manual-steps':
    '手で変更してください（上から順に。行番号は今のファイルのものです）：\n\n{{steps}}または、ファイルを書き込めるようにしてから、もう一度実行してください。',
  'plan.fix.already': 'すでに IPQoS 0 です（ssh -G：ipqos {{ipqos}}）。加えるものはありません',
  'plan.fix.add.above': 'ipqos {{ipqos}} → cs0 cs0：{{line}} 行目の上に IPQoS 0',
  'plan.fix.add.end': 'ipqos {{ipqos}} → cs0 cs0：ファイルの末尾に IPQoS 0',
  'plan.fix.add.above-and-end': 'ipqos {{ipqos}} → cs0 cs0：{{line}} 行目の上とファイルの末尾に IPQoS 0',
  'plan.fix.others': '（ほかに {{count}} 行の IPQoS が当てはまる可能性があります）',
  'plan.fix.new-block': '。この設定の Host の別名にはまだないため、専用のブロックを加えます',
  'plan.fix.case': '（「{{alias}}」のことですか？ssh は Host 名の大文字・小文字を区別します）',
  'plan.fix.blocked':
    'あなたのファイルでは修正できません：{{ssh}}（8.7 より前）は最後に読んだ IPQoS を使い、{{where}} はあなたのファイルのあとに読まれます。このホストについてその行を「IPQoS 0」に変えるよう管理者に頼んでください（ipqos-doctor はシステムのファイルを編集しません）',
  'plan.fix.blocked.without-system':
    '。または、システムのファイルなしで済ませるなら、~/.ssh/config だけを読む形で修正し、「ssh -F ~/.ssh/config {{host}}」で接続してください',
  'plan.undo.remove': 'ipqos-doctor が加えた IPQoS 0 の行を取り除きます',
  'plan.undo.not-found': 'ipqos-doctor が加えた行はありません。元に戻すものはありません',
  'plan.note.include-matches-nothing':
    '{{file}} の {{line}} 行目：Include {{pattern}} に当てはまるファイルはありません。OpenSSH も読み飛ばします。',
  'plan.note.final-pass':
    'この設定は正規化したホスト名で自分自身を読み直します（CanonicalizeHostname か Match canonical/final）。変更はこの OpenSSH で確かめましたが、古いクライアントはその読み直しで Host 行の当てはめ方が違うことがあります。',
  'plan.note.system-relative-include':
    '{{file}} に相対パスの「Include {{pattern}}」があります。ssh は /etc/ssh から、確認用のコピーは ~/.ssh から読みます。書き込んだファイルをお使いの ssh で確かめた結果で判断します。',
  'plan.note.system-may-override':
    '{{where}} はあなたのファイルのあとで {{host}} の IPQoS を設定する可能性があり、{{ssh}} は最後に読んだ値を使います。ssh -G での確認で判断します。',
  'plan.note.nothing-to-undo-for':
    '{{file}} には {{hosts}} について ipqos-doctor が加えた行はありません。元に戻すものはありません。',
  'plan.note.nothing-to-undo':
    '{{file}} には ipqos-doctor が加えた行がまったくありません。元に戻すものはありません。',
  'plan.note.no-file': '{{file}} はありません。元に戻すものはありません。',
  'plan.problem.not-measured': '測れませんでした',
  'plan.problem.ipqos': 'ipqos が「{{got}}」です（期待は「{{want}}」）',
  'plan.problem.others-changed': 'ほかの設定が変わりました',
  'plan.problem.read-back': '読み戻したファイルが、確かめたコピーと違います',
  'plan.problem.proof-failed': '{{message}}',
  'plan.problem.line': '{{alias}}：{{problem}}',
  'plan.problem.line.difference': '{{alias}}：{{problem}}（{{difference}}）',
};
