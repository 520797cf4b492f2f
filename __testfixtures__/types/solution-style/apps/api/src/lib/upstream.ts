import { AxiosError } from 'axios';

export class InventoryUnavailable extends AxiosError {}
