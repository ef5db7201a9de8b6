import { walkLab } from '../../web/e2e/lab-walk.ts'

walkLab('07-chat')
