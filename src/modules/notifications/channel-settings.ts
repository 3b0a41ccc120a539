import { checkOutboundUrls } from '../../domain/outbound-address.js';
import type { AppContext } from '../../server/context.js';
import type { AuditWho } from '../audit/audit.service.js';
import type { SettingsPatch } from '../settings/settings-patch.js';
import { type ChannelSettings, channelsWithKeptSecrets, channelUrls, maskedChannels } from './channels.js';

/**
 * The administrator saves the channels (the fields sent over the stored ones): secrets sent back
 * masked keep the stored ones, and an address whose host is an IP address Huiyin may not call is
 * refused (400 OUTBOUND_ADDRESS_NOT_ALLOWED) before anything is written, enabled or not, so it
 * cannot be switched on later. Answers the settings as shown (secrets masked).
 */
export async function saveChannelSettings(
  ctx: AppContext,
  sent: SettingsPatch<ChannelSettings>,
  who: AuditWho,
): Promise<ChannelSettings> {
  const saved = await ctx.settings.setChannels(sent, who, (next, before) => {
    checkOutboundUrls(channelUrls(next), ctx.config.OUTBOUND_ALLOWED_NETWORKS);
    return channelsWithKeptSecrets(next, before);
  });
  return maskedChannels(saved);
}
