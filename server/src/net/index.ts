export { ClientAddresses, type RemoteEnd } from './client-addresses.ts'
export {
  applyChange,
  isClear,
  MAX_PROXIES,
  RoomNetworks,
  TooManyProxiesError,
} from './room-networks.ts'
export { type LinkShape, ShapedLink } from './shaped-link.ts'
export { type ProxyCounters, ShapingProxy, type ShapingProxyOptions } from './shaping-proxy.ts'
