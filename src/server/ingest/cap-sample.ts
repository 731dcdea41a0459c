/** What a sample alert says about itself (the rest is a red rainstorm alert over Erqi). */
export interface CapSampleOptions {
  identifier?: string;
  sender?: string;
  status?: 'Actual' | 'Exercise' | 'Test' | 'Draft' | 'System';
  msgType?: 'Alert' | 'Update' | 'Cancel';
  references?: string;
  sent?: string;
  onset?: string;
  expires?: string;
  /** Extra XML before <alert> (tests put a DOCTYPE there). */
  prolog?: string;
  /** The area's <polygon> (CAP "lat,lon" pairs). */
  polygon?: string;
}

/** A CAP 1.2 red rainstorm alert over Erqi, as a provincial feed would send it. */
export function capAlert(o: CapSampleOptions = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${o.prolog ?? ''}
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${o.identifier ?? 'ZZQX-2021-0720-RED'}</identifier>
  <sender>${o.sender ?? 'zzqx@cma.example'}</sender>
  <sent>${o.sent ?? '2021-07-20T06:02:00+08:00'}</sent>
  <status>${o.status ?? 'Exercise'}</status>
  <msgType>${o.msgType ?? 'Alert'}</msgType>${o.references ? `\n  <references>${o.references}</references>` : ''}
  <scope>Public</scope>
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>暴雨预警</event>
    <urgency>Immediate</urgency>
    <severity>Extreme</severity>
    <certainty>Observed</certainty>
    <senderName>郑州市气象台</senderName>
    <headline>暴雨红色预警</headline>
    <onset>${o.onset ?? '2021-07-20T06:00:00+08:00'}</onset>
    <expires>${o.expires ?? '2021-07-21T06:00:00+08:00'}</expires>
    <parameter><valueName>预警级别</valueName><value>红色</value></parameter>
    <area>
      <areaDesc>二七区</areaDesc>
      <polygon>${o.polygon ?? '34.70,113.60 34.70,113.70 34.78,113.70 34.78,113.60 34.70,113.60'}</polygon>
      <circle>34.74,113.65 5</circle>
      <geocode><valueName>GB2260</valueName><value>410103</value></geocode>
    </area>
  </info>
</alert>`;
}

/** The sample as of the "7·20" rainstorm (2021): an exercise alert, long expired today. */
export const CAP_RED = capAlert();

/** The sample dated now: sent and onset a minute ago, expiring in `hours`. */
export function capAlertNow(o: CapSampleOptions = {}, hours = 24): string {
  const now = Date.now();
  return capAlert({
    sent: new Date(now - 60_000).toISOString(),
    onset: new Date(now - 60_000).toISOString(),
    expires: new Date(now + hours * 3_600_000).toISOString(),
    ...o,
  });
}
