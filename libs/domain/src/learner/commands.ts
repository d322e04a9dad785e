export interface RegisterLearner {
  type: 'RegisterLearner';
  learnerId: string;
  name: string;
  email: string;
  employerId: string | null;
  registeredAt: string;
}

export type LearnerCommand = RegisterLearner;
