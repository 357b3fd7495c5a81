/** The PowerEvents port on Electron's powerMonitor (usable only after `ready`; main.ts passes it in). */
import type { PowerEvents, Unsubscribe } from '../app/ports.ts';

type PowerEvent = 'resume' | 'unlock-screen' | 'on-battery' | 'on-ac';

/** The part of Electron's powerMonitor used here. */
export interface PowerMonitorLike {
  isOnBatteryPower(): boolean;
  on(event: PowerEvent, listener: () => void): unknown;
  off(event: PowerEvent, listener: () => void): unknown;
}

export function createPowerEvents(powerMonitor: PowerMonitorLike): PowerEvents {
  let onBattery = powerMonitor.isOnBatteryPower();
  powerMonitor.on('on-battery', () => (onBattery = true));
  powerMonitor.on('on-ac', () => (onBattery = false));
  return {
    // Wake from sleep and a screen unlock both mean "the network may have changed while away".
    onWake(listener): Unsubscribe {
      const wake = (): void => listener();
      powerMonitor.on('resume', wake);
      powerMonitor.on('unlock-screen', wake);
      return () => {
        powerMonitor.off('resume', wake);
        powerMonitor.off('unlock-screen', wake);
      };
    },
    onBattery: () => onBattery,
  };
}
